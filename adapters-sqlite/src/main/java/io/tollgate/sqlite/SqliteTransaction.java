package io.tollgate.sqlite;

import io.tollgate.core.domain.AuditEntry;
import io.tollgate.core.domain.Description;
import io.tollgate.core.domain.NewToken;
import io.tollgate.core.domain.Token;
import io.tollgate.core.domain.TokenHash;
import io.tollgate.core.domain.TokenId;
import io.tollgate.core.domain.TokenName;
import io.tollgate.core.domain.TokenStatus;
import io.tollgate.core.port.out.RecoveryCodeRepository;
import io.tollgate.core.port.out.StoreTransaction;
import io.tollgate.core.port.out.TokenRepository;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;

/**
 * One unit of work on the SQLite store: every read and write runs on the writer's connection inside
 * the {@code BEGIN IMMEDIATE} transaction {@link SqliteTokenStore#inTransaction} opened, the audit
 * line included, so the store commits all of it with one fsync or rolls all of it back. Valid only
 * inside that call; used under the store's write lock only.
 */
final class SqliteTransaction implements StoreTransaction, TokenRepository, RecoveryCodeRepository {

  private final Handle writer;
  private final TokenDao tokens;
  private final TokenInserter statements;
  private final Path databaseFile;
  private final UUID clusterId;
  private long idFloor;
  private boolean finished;

  /**
   * @param idFloor the lowest id an insert may take: above every id handed out before, committed or
   *     not
   */
  SqliteTransaction(
      Handle writer,
      TokenDao tokens,
      TokenInserter statements,
      Path databaseFile,
      UUID clusterId,
      long idFloor) {
    this.writer = writer;
    this.tokens = tokens;
    this.statements = statements;
    this.databaseFile = databaseFile;
    this.clusterId = clusterId;
    this.idFloor = idFloor;
  }

  /** The lowest id a later insert may take, counting those this transaction handed out. */
  long idFloor() {
    return idFloor;
  }

  /** Ends this transaction's validity; the store commits or rolls back. */
  void finish() {
    finished = true;
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
    AuditRow row = AuditRow.of(entry);
    run(
        "cannot write the audit log",
        null,
        () -> {
          try {
            statements.appendAudit(row);
          } catch (SQLException e) {
            throw new StoreSqlFailure(e);
          }
          return null;
        });
  }

  /** Through {@link TokenInserter}'s kept statements: the write on the creation hot path. */
  @Override
  public Token insert(NewToken token) {
    return insert(token, false);
  }

  /** An insert that also remembers the hash in {@code imported_tokens}, in this transaction. */
  @Override
  public Token insertImported(NewToken token) {
    return insert(token, true);
  }

  private Token insert(NewToken token, boolean imported) {
    requireOpen();
    return run(
        "cannot store token " + token.name(),
        token.name(),
        () -> {
          try {
            long id = Math.max(statements.nextId(), idFloor);
            Token stored = statements.insert(token, id, imported);
            idFloor = id + 1;
            return stored;
          } catch (SQLException e) {
            throw new StoreSqlFailure(e);
          }
        });
  }

  @Override
  public boolean wasImported(TokenHash hash) {
    requireOpen();
    return run(
        "cannot read the imported tokens",
        null,
        () ->
            writer
                    .createQuery(
                        "SELECT count(*) FROM imported_tokens WHERE hash_algorithm = ? AND hash = ?")
                    .bind(0, hash.algorithm())
                    .bind(1, hash.digest())
                    .mapTo(Integer.class)
                    .one()
                > 0);
  }

  @Override
  public Optional<Token> findByName(TokenName name) {
    requireOpen();
    return run("cannot read token " + name, null, () -> tokens.findByName(name.value()));
  }

  /** Through {@link TokenInserter}'s kept statement: every management call reads its actor. */
  @Override
  public Optional<Token> findById(TokenId id) {
    requireOpen();
    return run(
        "cannot read token " + id,
        null,
        () -> {
          try {
            return statements.findById(id.value());
          } catch (SQLException e) {
            throw new StoreSqlFailure(e);
          }
        });
  }

  @Override
  public Optional<Token> findByHash(TokenHash hash) {
    requireOpen();
    return run(
        "cannot look up a token by hash",
        null,
        () -> tokens.findByHash(hash.algorithm(), hash.digest()));
  }

  @Override
  public List<Token> findAll() {
    requireOpen();
    return run(
        "cannot list tokens",
        null,
        () -> {
          try {
            return TokenScan.findAll(writer.getConnection());
          } catch (SQLException e) {
            throw new StoreSqlFailure(e);
          }
        });
  }

  @Override
  public Optional<Token> replaceHash(
      TokenId id, TokenHash expected, TokenHash replacement, Instant updatedAt, TokenId updatedBy) {
    requireOpen();
    return run(
        "cannot replace the hash of token " + id,
        null,
        () -> {
          int changed =
              tokens.replaceHash(
                  id.value(),
                  expected.algorithm(),
                  expected.digest(),
                  replacement.algorithm(),
                  replacement.digest(),
                  updatedAt.toEpochMilli(),
                  TokenColumns.idOrNull(updatedBy));
          return changed == 0 ? Optional.empty() : tokens.findById(id.value());
        });
  }

  @Override
  public Optional<Token> updateDetails(
      TokenName name,
      Description description,
      TokenStatus status,
      Instant updatedAt,
      TokenId updatedBy) {
    requireOpen();
    return run(
        "cannot update token " + name,
        null,
        () -> {
          int changed =
              tokens.updateDetails(
                  name.value(),
                  TokenColumns.textOrNull(description),
                  status.wireName(),
                  updatedAt.toEpochMilli(),
                  TokenColumns.idOrNull(updatedBy));
          return changed == 0 ? Optional.empty() : tokens.findByName(name.value());
        });
  }

  @Override
  public Optional<Token> deleteByName(TokenName name) {
    requireOpen();
    return run(
        "cannot delete token " + name,
        null,
        () -> {
          Optional<Token> current = tokens.findByName(name.value());
          current.ifPresent(token -> tokens.deleteById(token.id().value()));
          return current;
        });
  }

  /** Raises the last use of each token given that still exists, in this transaction. */
  void recordLastUse(Map<TokenId, Instant> lastUse) {
    requireOpen();
    List<Long> ids = new ArrayList<>(lastUse.size());
    List<Long> at = new ArrayList<>(lastUse.size());
    lastUse.forEach(
        (id, when) -> {
          ids.add(id.value());
          at.add(when.toEpochMilli());
        });
    run(
        "cannot record when tokens were last used",
        null,
        () -> {
          tokens.recordLastUse(ids, at);
          return null;
        });
  }

  @Override
  public UUID clusterId() {
    return clusterId;
  }

  @Override
  public Optional<String> currentHash() {
    requireOpen();
    return run(
        "cannot read the recovery code",
        null,
        () -> writer.attach(RecoveryCodeDao.class).currentHash());
  }

  @Override
  public void replace(String encodedHash, Instant issuedAt) {
    requireOpen();
    run(
        "cannot store the recovery code",
        null,
        () -> {
          writer.attach(RecoveryCodeDao.class).replace(encodedHash, issuedAt.toEpochMilli());
          return null;
        });
  }

  @Override
  public boolean consume(String encodedHash) {
    requireOpen();
    return run(
        "cannot spend the recovery code",
        null,
        () -> writer.attach(RecoveryCodeDao.class).deleteIfCurrent(encodedHash) == 1);
  }

  /** Runs one statement of the work; a driver failure becomes the domain's error, naming it. */
  private <T> T run(String action, TokenName insertedName, Supplier<T> statement) {
    try {
      return statement.get();
    } catch (RuntimeException e) {
      throw SqliteErrors.translate(e, databaseFile, action, insertedName);
    }
  }

  private void requireOpen() {
    if (finished) {
      throw new IllegalStateException("this transaction has ended; use it only inside its work");
    }
  }
}
