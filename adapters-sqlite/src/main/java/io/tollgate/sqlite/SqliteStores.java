package io.tollgate.sqlite;

import io.tollgate.core.domain.Token;
import java.nio.file.Path;
import java.util.List;

/**
 * Opens {@link SqliteStore}s, and works on a data directory's database without opening a store:
 * listing and backup (safe while a server runs), and restore (only while nobody holds it).
 */
public final class SqliteStores {

  /** The database's file name inside the data directory. */
  public static final String DATABASE_FILE_NAME = "tollgate.db";

  private SqliteStores() {}

  /**
   * Opens the store in {@code dataDir} ({@code dataDir/tollgate.db}), creating the directory (mode
   * 0700) and the database (mode 0600) when absent and migrating an older schema. The directory
   * stays owned by the returned store until it is closed: a second open, from this or any other
   * process, fails, even if {@code tollgate.lock} is removed meanwhile (the database itself is
   * locked too).
   *
   * <p>An existing directory must belong to the user running Tollgate and must not be writable by
   * group or others, and none of the files Tollgate and SQLite open in it ({@code tollgate.lock},
   * {@code tollgate.db} and its {@code -wal}, {@code -shm} and {@code -journal}) may be a symbolic
   * link or other than a regular file: links are never followed. The same holds for {@link
   * #readTokens}, {@link #backup} and {@link #restore}.
   *
   * @throws io.tollgate.core.domain.StoreException if the directory is in use or not as above (the
   *     message says how to fix it), or the file is not a usable Tollgate database (corrupt, not
   *     SQLite, from a newer Tollgate) or cannot be written
   */
  public static SqliteStore open(Path dataDir) {
    return open(dataDir, StoreOptions.DEFAULTS);
  }

  static SqliteStore open(Path dataDir, StoreOptions options) {
    return StoreOpening.open(dataDir, options);
  }

  /**
   * Every token of the store in {@code dataDir}, ordered by id, read from one consistent snapshot
   * over a read-only connection. Takes no directory lock, so it works while a server holds the
   * store, and creates nothing: not the directory, not the database.
   *
   * @throws io.tollgate.core.domain.StoreException if there is no Tollgate store in {@code
   *     dataDir}, or it is unreadable, not a Tollgate store, or from a newer Tollgate
   */
  public static List<Token> readTokens(Path dataDir) {
    return StoreFiles.readTokens(dataDir);
  }

  /**
   * Writes a consistent copy of the store in {@code dataDir} to {@code output} with SQLite's online
   * backup, over a read-only connection that takes no directory lock: a running server keeps
   * serving and writing meanwhile. The copy is created with mode 0600 and appears complete or not
   * at all.
   *
   * @param replace whether an existing {@code output} may be replaced; without it an existing file
   *     is refused and left unchanged
   * @throws io.tollgate.core.domain.StoreException if there is no Tollgate store in {@code
   *     dataDir}, {@code output} exists (without {@code replace}), is a directory, is the store's
   *     own database, or cannot be written
   */
  public static void backup(Path dataDir, Path output, boolean replace) {
    StoreFiles.backup(dataDir, output, replace);
  }

  /**
   * Checks, reading only, that {@code backup} is a Tollgate store this version can restore: a
   * SQLite database that passes {@code PRAGMA integrity_check}, with the Tollgate schema at a
   * version no newer than this build's.
   *
   * @return the backup's schema version
   * @throws io.tollgate.core.domain.StoreException naming the file and the reason otherwise
   */
  public static int verifyBackup(Path backup) {
    return StoreFiles.verifyBackup(backup);
  }

  /**
   * Replaces the database in {@code dataDir} (created, mode 0700, if missing) with a copy of {@code
   * backup}: verified as {@link #verifyBackup(Path)} does, copied to an owner-only temporary file
   * in {@code dataDir}, synced, verified again, renamed over {@code tollgate.db} once the old WAL
   * and shared-memory files are removed, and the directory synced. Holds the directory's lock
   * throughout, so it is refused while a server or any store has the directory open. The next
   * {@link #open(Path)} migrates an older schema.
   *
   * @throws io.tollgate.core.domain.StoreException if the directory is in use or the backup is not
   *     restorable; {@code dataDir} is left as it was
   */
  public static void restore(Path backup, Path dataDir) {
    StoreFiles.restore(backup, dataDir);
  }

  /**
   * Removes a store {@link #open} created in {@code dataDir} that is closed again and must leave no
   * trace (the target of a failed {@code tollgate store copy}): the files Tollgate and SQLite
   * created there (a symbolic link among them is removed, never followed), then, with {@code
   * directoryToo}, the directory itself when nothing else is left in it.
   *
   * @throws java.io.UncheckedIOException if a file cannot be removed
   */
  public static void discardNew(Path dataDir, boolean directoryToo) {
    DataDirectory.discard(dataDir, directoryToo);
  }
}
