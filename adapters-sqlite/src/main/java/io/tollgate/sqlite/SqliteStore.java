package io.tollgate.sqlite;

import io.tollgate.core.port.out.TokenRepository;
import java.nio.file.Path;

/**
 * A token store in one SQLite file, owned by this process until {@link #close()}. Thread-safe:
 * writes are serialised on one connection in {@code BEGIN IMMEDIATE} transactions, reads use their
 * own connections and are never blocked by a write. Every failure of the database is a {@link
 * io.tollgate.core.domain.StoreException} naming the file.
 */
public interface SqliteStore extends TokenRepository, AutoCloseable {

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
