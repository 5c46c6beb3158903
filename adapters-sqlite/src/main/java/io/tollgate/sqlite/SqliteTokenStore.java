package io.tollgate.sqlite;

import io.tollgate.core.domain.StoreException;
import io.tollgate.core.domain.Token;
import io.tollgate.core.domain.TokenId;
import io.tollgate.core.port.out.AuditLog;
import io.tollgate.core.port.out.RecoveryCodeRepository;
import io.tollgate.core.port.out.StoreSnapshot;
import io.tollgate.core.port.out.StoreTransaction;
import io.tollgate.core.port.out.TokenRepository;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConnection;

/**
 * The SQLite {@link SqliteStore}: one writer connection behind a lock, on which each unit of work
 * is one {@code BEGIN IMMEDIATE} transaction ({@link SqliteTransaction}); a small pool of readers
 * for committed reads ({@link StoreReads}, {@link StoreAuditLog}); and the data directory's lock
 * for as long as it is open.
 */
final class SqliteTokenStore implements SqliteStore {

  private static final Logger LOG = LoggerFactory.getLogger(SqliteTokenStore.class);

  private final Path databaseFile;
  private final DirectoryLock directoryLock;
  private final Handle writer;

  /** The writer's DAO, attached by the first transaction (see {@link #writerTokens()}). */
  private TokenDao writerTokens;

  private final ReentrantLock writeLock = new ReentrantLock();
  private final ReaderPool readers;
  private volatile UUID clusterId;
  private final Object fileKey;
  private final StoreReads reads;
  private final StoreAuditLog auditLog;
  private TokenInserter inserter;

  /**
   * The lowest id the next insert may take: above every id a transaction handed out, also one that
   * rolled back (whose id {@code meta} forgets with it). Guarded by the write lock.
   */
  private long idFloor;

  private volatile boolean closed;

  SqliteTokenStore(
      Path databaseFile,
      DirectoryLock directoryLock,
      Handle writer,
      ReaderPool readers,
      OpeningReads.Identity identity) {
    this.databaseFile = databaseFile;
    this.directoryLock = directoryLock;
    this.writer = writer;
    this.readers = readers;
    this.clusterId = identity.clusterId();
    this.fileKey = fileKey(databaseFile);
    this.reads = new StoreReads(this);
    this.auditLog = new StoreAuditLog(this, identity.auditKey());
  }

  /**
   * Attached on first use, under the write lock: attaching builds Jdbi's metadata of the DAO, which
   * a server that only authenticates after its start does without (as the reads of {@link
   * OpeningReads}).
   */
  private TokenDao writerTokens() {
    if (writerTokens == null) {
      writerTokens = writer.attach(TokenDao.class);
    }
    return writerTokens;
  }

  /** Hands the tokens the open-time check read to the first {@code tokens().findAll()}. */
  void keepReadAtOpen(List<Token> tokens) {
    reads.keepReadAtOpen(tokens);
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
   * Runs {@code work} in one {@code BEGIN IMMEDIATE} transaction on the writer: committed, with one
   * fsync, when it returns; rolled back when it (or the commit) throws.
   */
  @Override
  public <T> T inTransaction(Function<StoreTransaction, T> work) {
    writeLock.lock();
    try {
      reads.dropReadAtOpen();
      ensureOpen();
      requireSameDatabaseFile();
      TokenInserter statements = begin();
      SqliteTransaction tx =
          new SqliteTransaction(
              writer, writerTokens(), statements, databaseFile, clusterId, idFloor);
      try {
        T result = work.apply(tx);
        statements.commit();
        return result;
      } catch (SQLException e) {
        statements.rollBack(e);
        discardInserter();
        throw SqliteErrors.translate(new StoreSqlFailure(e), databaseFile, "cannot commit");
      } catch (RuntimeException | Error e) {
        statements.rollBack(e);
        discardInserter();
        throw e;
      } finally {
        tx.finish();
        idFloor = Math.max(idFloor, tx.idFloor());
      }
    } finally {
      writeLock.unlock();
    }
  }

  /** Begins a transaction on the writer's kept statements, prepared on first use. */
  private TokenInserter begin() {
    try {
      if (inserter == null) {
        inserter = new TokenInserter(writer.getConnection());
      }
      inserter.begin();
      return inserter;
    } catch (SQLException e) {
      discardInserter();
      throw SqliteErrors.translate(
          new StoreSqlFailure(e), databaseFile, "cannot begin a transaction");
    } catch (RuntimeException e) {
      discardInserter();
      throw SqliteErrors.translate(e, databaseFile, "cannot begin a transaction");
    }
  }

  /** After a failed transaction: the driver may have closed statements, the next prepares anew. */
  private void discardInserter() {
    closeQuietly(inserter);
    inserter = null;
  }

  @Override
  public TokenRepository tokens() {
    return reads;
  }

  @Override
  public RecoveryCodeRepository recoveryCodes() {
    return reads;
  }

  @Override
  public AuditLog auditLog() {
    return auditLog;
  }

  @Override
  public UUID clusterId() {
    return clusterId;
  }

  /** One {@code BEGIN IMMEDIATE} transaction for the whole batch, no audit line. */
  @Override
  public void recordLastUse(Map<TokenId, Instant> lastUse) {
    if (lastUse.isEmpty()) {
      return;
    }
    inTransaction(
        tx -> {
          ((SqliteTransaction) tx).recordLastUse(lastUse);
          return null;
        });
  }

  /**
   * Everything this store holds, read in one read transaction while writes go on: the source of a
   * {@code store copy}.
   */
  @Override
  public StoreSnapshot exportSnapshot() {
    return SnapshotCopy.export(this);
  }

  /**
   * Writes {@code snapshot} into this store, which must be empty, in one transaction, and takes
   * over its identity, id counter and audit key.
   */
  @Override
  public void importSnapshot(StoreSnapshot snapshot) {
    SnapshotCopy.importInto(this, snapshot);
  }

  /** After {@link #importSnapshot}: the copied store's identity, id counter and audit key. */
  void tookOverIdentity(UUID copied, long nextTokenId) {
    writeLock.lock();
    try {
      clusterId = copied;
      idFloor = Math.max(idFloor, nextTokenId);
      auditLog.forgetKey();
    } finally {
      writeLock.unlock();
    }
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

  /** Runs {@code work} on a reader: the last committed state, never blocked by the writer. */
  <T> T read(String action, Function<TokenDao, T> work) {
    ensureOpen();
    try {
      return readers.read(work);
    } catch (RuntimeException e) {
      throw SqliteErrors.translate(e, databaseFile, action);
    }
  }

  /** Runs {@code work} in plain JDBC on a reader connection (see {@link ReaderPool#readPlain}). */
  <T> T readPlain(String action, ReaderPool.PlainRead<T> work) {
    ensureOpen();
    try {
      return readers.readPlain(work);
    } catch (RuntimeException e) {
      throw SqliteErrors.translate(e, databaseFile, action);
    }
  }

  /** Runs {@code work} on the writer's handle outside any unit of work, under the write lock. */
  <T> T writeOutsideTransaction(String action, Function<Handle, T> work) {
    writeLock.lock();
    try {
      reads.dropReadAtOpen();
      ensureOpen();
      requireSameDatabaseFile();
      return work.apply(writer);
    } catch (RuntimeException e) {
      throw SqliteErrors.translate(e, databaseFile, action);
    } finally {
      writeLock.unlock();
    }
  }

  /** Runs {@code work} on the writer's handle outside any transaction; for tests. */
  <T> T withWriter(Function<Handle, T> work) {
    writeLock.lock();
    try {
      reads.dropReadAtOpen();
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

  void ensureOpen() {
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
