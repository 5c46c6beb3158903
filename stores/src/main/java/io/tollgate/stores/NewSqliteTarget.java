package io.tollgate.stores;

import io.tollgate.sqlite.SqliteStores;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * What a copy's target was before the copy opened it: a SQLite data directory without a database
 * (and whether the directory existed), or anything else, which a failed copy leaves as it was (a
 * PostgreSQL store rolls back; an existing SQLite store is refused unchanged or rolled back).
 */
record NewSqliteTarget(Path dataDir, boolean directoryExisted) {

  private static final NewSqliteTarget NONE = new NewSqliteTarget(null, true);

  static NewSqliteTarget before(StoreLocation target) {
    if (!(target instanceof StoreLocation.SqliteDirectory sqlite)) {
      return NONE;
    }
    Path dir = sqlite.dataDir();
    if (Files.exists(dir.resolve(SqliteStores.DATABASE_FILE_NAME), LinkOption.NOFOLLOW_LINKS)) {
      return NONE;
    }
    return new NewSqliteTarget(dir, Files.exists(dir, LinkOption.NOFOLLOW_LINKS));
  }

  /** Removes the store the failed copy created, if it created one; a failure to is suppressed. */
  void discard(RuntimeException failure) {
    if (dataDir == null) {
      return;
    }
    try {
      SqliteStores.discardNew(dataDir, !directoryExisted);
    } catch (RuntimeException e) {
      failure.addSuppressed(e);
    }
  }
}
