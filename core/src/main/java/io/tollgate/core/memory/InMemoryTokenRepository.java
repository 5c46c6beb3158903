package io.tollgate.core.memory;

import io.tollgate.core.domain.Description;
import io.tollgate.core.domain.NewToken;
import io.tollgate.core.domain.Token;
import io.tollgate.core.domain.TokenHash;
import io.tollgate.core.domain.TokenId;
import io.tollgate.core.domain.TokenName;
import io.tollgate.core.domain.TokenNameAlreadyExistsException;
import io.tollgate.core.domain.TokenStatus;
import io.tollgate.core.port.out.TokenRepository;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A repository that lives and dies with the process: for tests and throw-away instances.
 * Thread-safe; every method is atomic.
 */
public final class InMemoryTokenRepository implements TokenRepository {

  private final TreeMap<Long, Token> byId = new TreeMap<>();
  private final Map<TokenName, Token> byName = new HashMap<>();
  private final Map<TokenHash, Token> byHash = new HashMap<>();
  private final Set<TokenHash> imported = new HashSet<>();
  private final UUID clusterId = UUID.randomUUID();
  private long nextId;

  @Override
  public synchronized Token insert(NewToken token) {
    if (byName.containsKey(token.name())) {
      throw new TokenNameAlreadyExistsException(token.name());
    }
    if (byHash.containsKey(token.hash())) {
      throw new IllegalArgumentException("a token with that hash exists already");
    }
    Token stored = token.withId(TokenId.of(nextId++));
    put(stored);
    return stored;
  }

  @Override
  public synchronized Token insertImported(NewToken token) {
    if (imported.contains(token.hash())) {
      throw new IllegalArgumentException("a token with that hash was imported before");
    }
    Token stored = insert(token);
    imported.add(token.hash());
    return stored;
  }

  @Override
  public synchronized boolean wasImported(TokenHash hash) {
    return imported.contains(hash);
  }

  @Override
  public synchronized Optional<Token> findByName(TokenName name) {
    return Optional.ofNullable(byName.get(name));
  }

  @Override
  public synchronized Optional<Token> findById(TokenId id) {
    return Optional.ofNullable(byId.get(id.value()));
  }

  @Override
  public synchronized Optional<Token> findByHash(TokenHash hash) {
    return Optional.ofNullable(byHash.get(hash));
  }

  @Override
  public synchronized List<Token> findAll() {
    return List.copyOf(byId.values());
  }

  @Override
  public synchronized Optional<Token> replaceHash(
      TokenId id, TokenHash expected, TokenHash replacement, Instant updatedAt, TokenId updatedBy) {
    Token current = byId.get(id.value());
    if (current == null || !current.hash().equals(expected)) {
      return Optional.empty();
    }
    Token updated = current.regenerated(replacement, updatedAt, updatedBy);
    remove(current);
    put(updated);
    return Optional.of(updated);
  }

  @Override
  public synchronized Optional<Token> updateDetails(
      TokenName name,
      Description description,
      TokenStatus status,
      Instant updatedAt,
      TokenId updatedBy) {
    Token current = byName.get(name);
    if (current == null) {
      return Optional.empty();
    }
    Token updated = current.withDetails(description, status, updatedAt, updatedBy);
    remove(current);
    put(updated);
    return Optional.of(updated);
  }

  @Override
  public synchronized Optional<Token> deleteByName(TokenName name) {
    Token current = byName.get(name);
    if (current != null) {
      remove(current);
    }
    return Optional.ofNullable(current);
  }

  @Override
  public UUID clusterId() {
    return clusterId;
  }

  private void put(Token token) {
    byId.put(token.id().value(), token);
    byName.put(token.name(), token);
    byHash.put(token.hash(), token);
  }

  private void remove(Token token) {
    byId.remove(token.id().value());
    byName.remove(token.name());
    byHash.remove(token.hash());
  }
}
