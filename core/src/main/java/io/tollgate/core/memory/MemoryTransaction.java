package io.tollgate.core.memory;

import io.tollgate.core.domain.AuditEntry;
import io.tollgate.core.domain.Description;
import io.tollgate.core.domain.NewToken;
import io.tollgate.core.domain.Token;
import io.tollgate.core.domain.TokenHash;
import io.tollgate.core.domain.TokenId;
import io.tollgate.core.domain.TokenName;
import io.tollgate.core.domain.TokenNameAlreadyExistsException;
import io.tollgate.core.domain.TokenStatus;
import io.tollgate.core.port.out.RecoveryCodeRepository;
import io.tollgate.core.port.out.StoreTransaction;
import io.tollgate.core.port.out.TokenRepository;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * One unit of work on an {@link InMemoryTokenStore}: changes the tables in place and remembers how
 * to undo each change, so a rollback costs what the work changed, never a copy of the store. Runs
 * under the store's write lock; valid only until {@link #commit()} or {@link #rollBack()}.
 */
final class MemoryTransaction implements StoreTransaction, TokenRepository, RecoveryCodeRepository {

  private final MemoryTables tables;
  private final UUID clusterId;
  private final Deque<Runnable> undo = new ArrayDeque<>();
  private boolean finished;

  MemoryTransaction(MemoryTables tables, UUID clusterId) {
    this.tables = tables;
    this.clusterId = clusterId;
  }

  @Override
  public TokenRepository tokens() {
    requireOpen();
    return this;
  }

  @Override
  public RecoveryCodeRepository recoveryCodes() {
    requireOpen();
    return this;
  }

  @Override
  public void audit(AuditEntry entry) {
    requireOpen();
    tables.audit.add(entry);
    undo.push(() -> tables.audit.remove(tables.audit.size() - 1));
  }

  @Override
  public Token insert(NewToken token) {
    return insert(token, false);
  }

  @Override
  public Token insertImported(NewToken token) {
    return insert(token, true);
  }

  private Token insert(NewToken token, boolean imported) {
    requireOpen();
    if (tables.byName.containsKey(token.name())) {
      throw new TokenNameAlreadyExistsException(token.name());
    }
    if (tables.byHash.containsKey(token.hash())) {
      throw new IllegalArgumentException("a token with that hash exists already");
    }
    if (imported && tables.imported.contains(token.hash())) {
      throw new IllegalArgumentException("a token with that hash was imported before");
    }
    // not undone: an id handed out once is never handed out again
    Token stored = token.withId(TokenId.of(tables.nextId++));
    put(stored);
    if (imported) {
      TokenHash hash = token.hash();
      tables.imported.add(hash);
      undo.push(() -> tables.imported.remove(hash));
    }
    return stored;
  }

  @Override
  public boolean wasImported(TokenHash hash) {
    requireOpen();
    return tables.imported.contains(hash);
  }

  @Override
  public Optional<Token> findByName(TokenName name) {
    requireOpen();
    return Optional.ofNullable(tables.byName.get(name));
  }

  @Override
  public Optional<Token> findById(TokenId id) {
    requireOpen();
    return Optional.ofNullable(tables.byId.get(id.value()));
  }

  @Override
  public Optional<Token> findByHash(TokenHash hash) {
    requireOpen();
    return Optional.ofNullable(tables.byHash.get(hash));
  }

  @Override
  public List<Token> findAll() {
    requireOpen();
    return List.copyOf(tables.byId.values());
  }

  @Override
  public Optional<Token> replaceHash(
      TokenId id, TokenHash expected, TokenHash replacement, Instant updatedAt, TokenId updatedBy) {
    requireOpen();
    Token current = tables.byId.get(id.value());
    if (current == null || !current.hash().equals(expected)) {
      return Optional.empty();
    }
    return Optional.of(swap(current, current.regenerated(replacement, updatedAt, updatedBy)));
  }

  @Override
  public Optional<Token> updateDetails(
      TokenName name,
      Description description,
      TokenStatus status,
      Instant updatedAt,
      TokenId updatedBy) {
    requireOpen();
    Token current = tables.byName.get(name);
    if (current == null) {
      return Optional.empty();
    }
    return Optional.of(
        swap(current, current.withDetails(description, status, updatedAt, updatedBy)));
  }

  @Override
  public Optional<Token> deleteByName(TokenName name) {
    requireOpen();
    Token current = tables.byName.get(name);
    if (current != null) {
      tables.remove(current);
      undo.push(() -> tables.put(current));
    }
    return Optional.ofNullable(current);
  }

  @Override
  public UUID clusterId() {
    return clusterId;
  }

  @Override
  public Optional<String> currentHash() {
    requireOpen();
    return Optional.ofNullable(tables.recoveryCodeHash);
  }

  @Override
  public void replace(String encodedHash, Instant issuedAt) {
    requireOpen();
    setRecoveryCodeHash(encodedHash);
  }

  @Override
  public boolean consume(String encodedHash) {
    requireOpen();
    if (tables.recoveryCodeHash == null || !tables.recoveryCodeHash.equals(encodedHash)) {
      return false;
    }
    setRecoveryCodeHash(null);
    return true;
  }

  /** Keeps what was written. */
  void commit() {
    undo.clear();
    finished = true;
  }

  /** Undoes every change, newest first. */
  void rollBack() {
    while (!undo.isEmpty()) {
      undo.pop().run();
    }
    finished = true;
  }

  private Token swap(Token current, Token updated) {
    tables.remove(current);
    undo.push(() -> tables.put(current));
    put(updated);
    return updated;
  }

  private void put(Token token) {
    tables.put(token);
    undo.push(() -> tables.remove(token));
  }

  private void setRecoveryCodeHash(String encodedHash) {
    String previous = tables.recoveryCodeHash;
    tables.recoveryCodeHash = encodedHash;
    undo.push(() -> tables.recoveryCodeHash = previous);
  }

  private void requireOpen() {
    if (finished) {
      throw new IllegalStateException("this transaction has ended; use it only inside its work");
    }
  }
}
