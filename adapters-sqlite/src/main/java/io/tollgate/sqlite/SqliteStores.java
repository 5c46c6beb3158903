package io.tollgate.sqlite;

import java.nio.file.Path;

/** Opens {@link SqliteStore}s. */
public final class SqliteStores {

  /** The database's file name inside the data directory. */
  public static final String DATABASE_FILE_NAME = "tollgate.db";

  private SqliteStores() {}

  /**
   * Opens the store in {@code dataDir} ({@code dataDir/tollgate.db}), creating the directory (mode
   * 0700) and the database (mode 0600) when absent and migrating an older schema. The directory
   * stays owned by the returned store until it is closed: a second open, from this or any other
   * process, fails.
   *
   * @throws io.tollgate.core.domain.StoreException if the directory is in use, the file is not a
   *     usable Tollgate database (corrupt, not SQLite, from a newer Tollgate) or cannot be written
   */
  public static SqliteStore open(Path dataDir) {
    return open(dataDir, StoreOptions.DEFAULTS);
  }

  static SqliteStore open(Path dataDir, StoreOptions options) {
    return SqliteTokenRepository.open(dataDir, options);
  }
}
