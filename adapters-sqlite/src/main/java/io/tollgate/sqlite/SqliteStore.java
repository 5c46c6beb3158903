package io.tollgate.sqlite;

import io.tollgate.core.port.out.AuditLog;
import io.tollgate.core.port.out.StoreTransaction;
import io.tollgate.core.port.out.TokenStore;
import java.nio.file.Path;

/**
 * A token store in one SQLite file, owned by this process until {@link #close()}: the tokens, the
 * audit log and the hash of the current recovery code. Thread-safe: writes are serialised on one
 * connection in {@code BEGIN IMMEDIATE} transactions, reads use their own connections and are never
 * blocked by a write. Every failure of the database is a {@link
 * io.tollgate.core.domain.StoreException} naming the file.
 *
 * <p>Each {@link #inTransaction} is one {@code BEGIN IMMEDIATE} transaction, synced to disk before
 * the call returns: the tokens, the recovery code and the audit lines written through its {@link
 * StoreTransaction} commit together, with one fsync, or not at all. An entry given to {@link
 * AuditLog#record} alone is written in its own transaction without a sync of its own: it reaches
 * the disk with the next synced write, a checkpoint or {@link #close()}, so a power loss can cost
 * such a line but never a token change.
 */
public interface SqliteStore extends TokenStore {

  /** The database file, {@code <data dir>/tollgate.db}. */
  Path databaseFile();

  /**
   * Copies the live database, consistently and without stopping readers, to {@code target}, created
   * with mode 0600. The copy appears at {@code target} complete or not at all; an existing file
   * there is replaced.
   *
   * @throws io.tollgate.core.domain.StoreException if the copy cannot be made
   */
  void backupTo(Path target);

  /** Closes the connections and releases the data directory. Idempotent. */
  @Override
  void close();
}
