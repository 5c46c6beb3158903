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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/** A repository that lives and dies with the process: for tests and throw-away instances. */
public final class InMemoryTokenRepository implements TokenRepository {

  private final TreeMap<Long, Token> byId = new TreeMap<>();
  private final UUID clusterId = UUID.randomUUID();
  private long nextId;

  @Override
  public synchronized Token insert(NewToken token) {
    if (findByName(token.name()).isPresent()) {
      throw new TokenNameAlreadyExistsException(token.name());
    }
    if (findByHash(token.hash()).isPresent()) {
      throw new IllegalStateException("a token with that hash exists already");
    }
    Token stored = token.withId(TokenId.of(nextId++));
    byId.put(stored.id().value(), stored);
    return stored;
  }

  @Override
  public synchronized Optional<Token> findByName(TokenName name) {
    return byId.values().stream().filter(t -> t.name().equals(name)).findFirst();
  }

  @Override
  public synchronized Optional<Token> findByHash(TokenHash hash) {
    return byId.values().stream().filter(t -> t.hash().equals(hash)).findFirst();
  }

  @Override
  public synchronized List<Token> findAll() {
    return List.copyOf(new ArrayList<>(byId.values()));
  }

  @Override
  public synchronized Optional<Token> replaceHash(
      TokenId id, TokenHash expected, TokenHash replacement, Instant updatedAt, TokenId updatedBy) {
    Token current = byId.get(id.value());
    if (current == null || !current.hash().equals(expected)) {
      return Optional.empty();
    }
    Token updated = current.regenerated(replacement, updatedAt, updatedBy);
    byId.put(id.value(), updated);
    return Optional.of(updated);
  }

  @Override
  public synchronized Optional<Token> updateDetails(
      TokenName name,
      Description description,
      TokenStatus status,
      Instant updatedAt,
      TokenId updatedBy) {
    Optional<Token> current = findByName(name);
    current.ifPresent(
        t -> byId.put(t.id().value(), t.withDetails(description, status, updatedAt, updatedBy)));
    return current.map(t -> byId.get(t.id().value()));
  }

  @Override
  public synchronized Optional<Token> deleteByName(TokenName name) {
    Optional<Token> current = findByName(name);
    current.ifPresent(t -> byId.remove(t.id().value()));
    return current;
  }

  @Override
  public UUID clusterId() {
    return clusterId;
  }
}
