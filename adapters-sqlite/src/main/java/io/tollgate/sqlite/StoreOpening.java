package io.tollgate.sqlite;

import io.tollgate.core.domain.StoreException;
import io.tollgate.core.domain.Token;
import java.nio.file.Path;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opening a store: prepares and locks the directory, refuses a tampered or newer database before
 * anything is written, switches to WAL, migrates, and hands the open {@link SqliteTokenStore} its
 * connections. An existing store opens without a statement through Jdbi (see {@link OpeningReads}).
 */
final class StoreOpening {
  private static final Logger LOG = LoggerFactory.getLogger(SqliteTokenStore.class);

  private StoreOpening() {}

  static SqliteTokenStore open(Path dataDir, StoreOptions options) {
    Path dir = DataDirectory.prepare(dataDir);
    DirectoryLock lock = DirectoryLock.acquire(dir);
    Path databaseFile = dir.resolve(SqliteStores.DATABASE_FILE_NAME);
    Handle writer = null;
    try {
      Connections connections = new Connections(databaseFile, options);
      writer = connections.writers().open();
      Migrations.requireKnownVersion(writer, databaseFile);
      // Before anything could write: a tampered store is refused exactly as it is.
      int version = Migrations.userVersion(writer);
      List<Token> checked =
          StoreCheck.requireTollgateStore(
              writer.getConnection(),
              version,
              connections::openReader,
              "cannot open the token store " + databaseFile + ": ",
              "; it was left unchanged (restore a good backup)");
      enableWal(writer, databaseFile);
      lock.retakeDatabaseLock();
      Migrations.migrate(writer, databaseFile);
      OpeningReads.Identity identity = OpeningReads.identity(writer.getConnection());
      ReaderPool readers = new ReaderPool(connections.readers(), databaseFile, options.readers());
      LOG.debug("Opened token store {}", databaseFile);
      SqliteTokenStore store = new SqliteTokenStore(databaseFile, lock, writer, readers, identity);
      if (version == Migrations.LATEST) {
        store.keepReadAtOpen(checked);
      }
      return store;
    } catch (RuntimeException e) {
      SqliteTokenStore.closeQuietly(writer);
      lock.close();
      throw SqliteErrors.translate(e, databaseFile, "cannot open the token store");
    }
  }

  private static void enableWal(Handle writer, Path databaseFile) {
    String mode = OpeningReads.enableWal(writer.getConnection());
    if (!"wal".equalsIgnoreCase(mode)) {
      throw new StoreException(
          "cannot open the token store: the database "
              + databaseFile
              + " cannot use write-ahead logging (journal mode stays "
              + mode
              + ")");
    }
  }
}
