package io.tollgate.sqlite;

import io.tollgate.core.domain.AuditEntry;
import io.tollgate.core.domain.Description;
import io.tollgate.core.domain.NewToken;
import io.tollgate.core.domain.StoreException;
import io.tollgate.core.domain.Token;
import io.tollgate.core.domain.TokenHash;
import io.tollgate.core.domain.TokenId;
import io.tollgate.core.domain.TokenName;
import io.tollgate.core.domain.TokenStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConnection;

/**
 * The SQLite {@link SqliteStore}: one writer connection behind a lock, a small pool of readers, and
 * the data directory's lock for as long as it is open.
 */
final class SqliteTokenRepository implements SqliteStore {

  private static final Logger LOG = LoggerFactory.getLogger(SqliteTokenRepository.class);

  private final Path databaseFile;
  private final DirectoryLock directoryLock;
  private final Handle writer;
  private final TokenDao writerTokens;
  private final ReentrantLock writeLock = new ReentrantLock();
  private final ReaderPool readers;
  private TokenInserter inserter;
  private final UUID clusterId;
  private final Object fileKey;
  private volatile boolean closed;

  /**
   * The tokens read and checked while opening, when no migration ran since: handed to the first
   * {@link #findAll()} (the index load at start-up), so a large store is scanned once; any write
   * before it drops them.
   */
  private final AtomicReference<List<Token>> readAtOpen = new AtomicReference<>();

  /** The audit entry of the write {@link #recordWith} is running; guarded by the write lock. */
  private AuditRow pendingAudit;

  SqliteTokenRepository(
      Path databaseFile,
      DirectoryLock directoryLock,
      Handle writer,
      ReaderPool readers,
      UUID clusterId) {
    this.databaseFile = databaseFile;
    this.directoryLock = directoryLock;
    this.writer = writer;
    this.writerTokens = writer.attach(TokenDao.class);
    this.readers = readers;
    this.clusterId = clusterId;
    this.fileKey = fileKey(databaseFile);
  }

  /** Hands the tokens the open-time check read to the first {@link #findAll()}. */
  void keepReadAtOpen(List<Token> tokens) {
    readAtOpen.set(tokens);
  }

  private static Object fileKey(Path file) {
    try {
      return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
    } catch (IOException e) {
      throw new StoreException(
          "cannot read the attributes of " + file + ": " + DataDirectory.describe(e), e);
    }
  }

  @Override
  public Path databaseFile() {
    return databaseFile;
  }

  /**
   * The one write on a hot path (every creation over HTTP): through {@link TokenInserter}'s kept
   * statements instead of Jdbi's per-call statement building, in the same kind of transaction.
   */
  @Override
  public Token insert(NewToken token) {
    return insert(token, false);
  }

  /** An insert that also remembers the hash in {@code imported_tokens}, in its transaction. */
  @Override
  public Token insertImported(NewToken token) {
    return insert(token, true);
  }

  @Override
  public boolean wasImported(TokenHash hash) {
    return read(
        "cannot read the imported tokens",
        tokens ->
            tokens
                    .getHandle()
                    .createQuery(
                        "SELECT count(*) FROM imported_tokens WHERE hash_algorithm = ? AND hash = ?")
                    .bind(0, hash.algorithm())
                    .bind(1, hash.digest())
                    .mapTo(Integer.class)
                    .one()
                > 0);
  }

  private Token insert(NewToken token, boolean imported) {
    writeLock.lock();
    try {
      readAtOpen.set(null);
      ensureOpen();
      requireSameDatabaseFile();
      Token stored = inserter().insert(token, pendingAudit, imported);
      pendingAudit = null;
      return stored;
    } catch (SQLException e) {
      discardInserter();
      throw SqliteErrors.translate(
          new StoreSqlFailure(e), databaseFile, "cannot store token " + token.name(), token.name());
    } catch (RuntimeException e) {
      discardInserter();
      throw SqliteErrors.translate(
          e, databaseFile, "cannot store token " + token.name(), token.name());
    } finally {
      writeLock.unlock();
    }
  }

  /**
   * After a failed insert: the driver may have closed statements, the next insert prepares anew.
   */
  private void discardInserter() {
    closeQuietly(inserter);
    inserter = null;
  }

  /** The writer's inserter, prepared on first use; under the write lock. */
  private TokenInserter inserter() throws SQLException {
    if (inserter == null) {
      inserter = new TokenInserter(writer.getConnection());
    }
    return inserter;
  }

  @Override
  public Optional<Token> findByName(TokenName name) {
    return read("cannot read token " + name, tokens -> tokens.findByName(name.value()));
  }

  @Override
  public Optional<Token> findById(TokenId id) {
    return read("cannot read token " + id, tokens -> tokens.findById(id.value()));
  }

  @Override
  public Optional<Token> findByHash(TokenHash hash) {
    return read(
        "cannot look up a token by hash",
        tokens -> tokens.findByHash(hash.algorithm(), hash.digest()));
  }

  /** Through {@link TokenScan}: a million rows at start-up, so not through Jdbi's mapping. */
  @Override
  public List<Token> findAll() {
    List<Token> atOpen = readAtOpen.getAndSet(null);
    if (atOpen != null) {
      ensureOpen();
      return atOpen;
    }
    return read(
        "cannot list tokens",
        tokens -> {
          try {
            return TokenScan.findAll(tokens.getHandle().getConnection());
          } catch (SQLException e) {
            throw new StoreSqlFailure(e);
          }
        });
  }

  @Override
  public Optional<Token> replaceHash(
      TokenId id, TokenHash expected, TokenHash replacement, Instant updatedAt, TokenId updatedBy) {
    return write(
        "cannot replace the hash of token " + id,
        null,
        tokens -> {
          int changed =
              tokens.replaceHash(
                  id.value(),
                  expected.algorithm(),
                  expected.digest(),
                  replacement.algorithm(),
                  replacement.digest(),
                  updatedAt.toEpochMilli(),
                  TokenColumns.idOrNull(updatedBy));
          if (changed == 0) {
            return Optional.empty();
          }
          appendPendingAudit(tokens.getHandle());
          return tokens.findById(id.value());
        });
  }

  @Override
  public Optional<Token> updateDetails(
      TokenName name,
      Description description,
      TokenStatus status,
      Instant updatedAt,
      TokenId updatedBy) {
    return write(
        "cannot update token " + name,
        null,
        tokens -> {
          int changed =
              tokens.updateDetails(
                  name.value(),
                  TokenColumns.textOrNull(description),
                  status.wireName(),
                  updatedAt.toEpochMilli(),
                  TokenColumns.idOrNull(updatedBy));
          if (changed == 0) {
            return Optional.empty();
          }
          appendPendingAudit(tokens.getHandle());
          return tokens.findByName(name.value());
        });
  }

  @Override
  public Optional<Token> deleteByName(TokenName name) {
    return write(
        "cannot delete token " + name,
        null,
        tokens -> {
          Optional<Token> current = tokens.findByName(name.value());
          current.ifPresent(
              token -> {
                tokens.deleteById(token.id().value());
                appendPendingAudit(tokens.getHandle());
              });
          return current;
        });
  }

  @Override
  public UUID clusterId() {
    return clusterId;
  }

  @Override
  public void backupTo(Path target) {
    StoreBackup.write(databaseFile, target, true, this::copyInto);
  }

  /** Copies the committed state page by page in one read transaction, writes carry on meanwhile. */
  private void copyInto(Path partial) {
    read(
        "cannot back up to " + partial,
        tokens -> {
          SQLiteConnection connection;
          try {
            connection = tokens.getHandle().getConnection().unwrap(SQLiteConnection.class);
          } catch (SQLException e) {
            throw new IllegalStateException(e);
          }
          StoreBackup.copy(connection, databaseFile, partial);
          return null;
        });
  }

  /** A driver failure of a plain JDBC call, carried to {@link SqliteErrors#translate}. */
  private static final class StoreSqlFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    StoreSqlFailure(SQLException cause) {
      super(cause);
    }
  }

  @Override
  public Optional<String> currentHash() {
    return read(
        "cannot read the recovery code",
        tokens -> tokens.getHandle().attach(RecoveryCodeDao.class).currentHash());
  }

  @Override
  public void replace(String encodedHash, Instant issuedAt) {
    writeHandle(
        "cannot store the recovery code",
        handle -> {
          handle.attach(RecoveryCodeDao.class).replace(encodedHash, issuedAt.toEpochMilli());
          appendPendingAudit(handle);
          return null;
        });
  }

  @Override
  public boolean consume(String encodedHash) {
    return writeHandle(
        "cannot spend the recovery code",
        handle -> {
          boolean spent = handle.attach(RecoveryCodeDao.class).deleteIfCurrent(encodedHash) == 1;
          if (spent) {
            appendPendingAudit(handle);
          }
          return spent;
        });
  }

  /**
   * Records {@code entry} in the transaction of the write {@code write} makes to this store, so the
   * audit line commits with the change (one fsync for both) or not at all. The write lock is held
   * throughout, so no other thread's write can pick the entry up. A write that changes nothing
   * records nothing; if {@code write} used some other store, the entry is recorded on its own.
   */
  @Override
  public <T> T recordWith(AuditEntry entry, Supplier<T> write) {
    writeLock.lock();
    try {
      pendingAudit = AuditRow.of(entry);
      T result = write.get();
      if (pendingAudit != null && !(result instanceof Optional<?> empty && empty.isEmpty())) {
        pendingAudit = null;
        record(entry);
      }
      return result;
    } finally {
      pendingAudit = null;
      writeLock.unlock();
    }
  }

  /** Inside a write transaction: adds the pending audit entry, if any, to it. */
  private void appendPendingAudit(Handle handle) {
    if (pendingAudit != null) {
      handle.attach(AuditLogDao.class).append(pendingAudit);
      pendingAudit = null;
    }
  }

  /**
   * Appends to the audit log in its own transaction, committed without a sync of its own (see
   * {@link SqliteStore}): WAL keeps it behind the change it follows, and the next synced commit
   * makes both durable.
   */
  @Override
  public void record(AuditEntry entry) {
    AuditRow row = AuditRow.of(entry);
    writeHandle(
        "cannot write the audit log",
        handle -> {
          handle.execute("PRAGMA synchronous = NORMAL");
          try {
            handle.useTransaction(tx -> tx.attach(AuditLogDao.class).append(row));
          } finally {
            handle.execute("PRAGMA synchronous = FULL");
          }
          return null;
        },
        false);
  }

  @Override
  public List<AuditEntry> entries() {
    return auditRows().stream().map(AuditRow::toEntry).toList();
  }

  /** The audit log's rows, oldest first. */
  List<AuditRow> auditRows() {
    return read(
        "cannot read the audit log",
        tokens -> tokens.getHandle().attach(AuditLogDao.class).findAll());
  }

  /** Runs {@code work} on the writer's handle outside any transaction; for tests. */
  <T> T withWriter(Function<Handle, T> work) {
    writeLock.lock();
    try {
      readAtOpen.set(null);
      ensureOpen();
      return work.apply(writer);
    } finally {
      writeLock.unlock();
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    writeLock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      readers.close();
      closeQuietly(inserter);
      closeQuietly(writer);
      directoryLock.close();
      LOG.debug("Closed token store {}", databaseFile);
    } finally {
      writeLock.unlock();
    }
  }

  @Override
  public String toString() {
    return "SqliteStore[" + databaseFile + "]";
  }

  private <T> T read(String action, Function<TokenDao, T> work) {
    ensureOpen();
    try {
      return readers.read(work);
    } catch (RuntimeException e) {
      throw SqliteErrors.translate(e, databaseFile, action);
    }
  }

  private <T> T write(String action, TokenName insertedName, Function<TokenDao, T> work) {
    return writeHandle(action, insertedName, handle -> work.apply(writerTokens));
  }

  private <T> T writeHandle(String action, Function<Handle, T> work) {
    return writeHandle(action, null, work, true);
  }

  private <T> T writeHandle(String action, TokenName insertedName, Function<Handle, T> work) {
    return writeHandle(action, insertedName, work, true);
  }

  private <T> T writeHandle(String action, Function<Handle, T> work, boolean inTransaction) {
    return writeHandle(action, null, work, inTransaction);
  }

  /**
   * Runs {@code work} on the writer under the write lock; with {@code inTransaction}, in one {@code
   * BEGIN IMMEDIATE} transaction: committed entirely, or rolled back and thrown.
   */
  private <T> T writeHandle(
      String action, TokenName insertedName, Function<Handle, T> work, boolean inTransaction) {
    writeLock.lock();
    try {
      readAtOpen.set(null);
      ensureOpen();
      requireSameDatabaseFile();
      return inTransaction ? writer.inTransaction(work::apply) : work.apply(writer);
    } catch (RuntimeException e) {
      throw SqliteErrors.translate(e, databaseFile, action, insertedName);
    } finally {
      writeLock.unlock();
    }
  }

  /**
   * In WAL mode SQLite keeps writing to a database file that was deleted or replaced under it, and
   * those writes would be lost; so every write first checks that the file is still the one opened.
   */
  private void requireSameDatabaseFile() {
    Object current;
    try {
      current = Files.readAttributes(databaseFile, BasicFileAttributes.class).fileKey();
    } catch (IOException e) {
      current = null;
    }
    if (fileKey != null && !fileKey.equals(current)) {
      throw new StoreException(
          "the token store's database cannot be written: it was moved, replaced or deleted",
          "the database "
              + databaseFile
              + " cannot be written: it was moved, replaced or deleted while open; restart to"
              + " reopen it",
          null);
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw ReaderPool.closedError(databaseFile);
    }
  }

  private static void closeQuietly(TokenInserter statements) {
    if (statements == null) {
      return;
    }
    try {
      statements.close();
    } catch (SQLException | RuntimeException e) {
      LOG.debug("Closing the insert statements failed", e);
    }
  }

  static void closeQuietly(Handle handle) {
    if (handle == null) {
      return;
    }
    try {
      handle.close();
    } catch (RuntimeException e) {
      LOG.debug("Closing a connection failed", e);
    }
  }
}
