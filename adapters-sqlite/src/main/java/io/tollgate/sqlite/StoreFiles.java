package io.tollgate.sqlite;

import io.tollgate.core.domain.StoreException;
import io.tollgate.core.domain.Token;
import io.tollgate.core.domain.TollgateException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;

/**
 * What can be done to a data directory's database without owning it: read the tokens and take a
 * backup while a server runs (read-only connections that take no directory lock), and restore a
 * backup over a store nobody holds.
 */
final class StoreFiles {

  private static final Logger LOG = LoggerFactory.getLogger(StoreFiles.class);
  private static final byte[] SQLITE_HEADER =
      "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
  private static final int BUSY_TIMEOUT_MILLIS = 5_000;

  private StoreFiles() {}

  /** Every token of the store in {@code dataDir}, read in one snapshot; nothing is created. */
  static List<Token> readTokens(Path dataDir) {
    Path db = existingDatabase(dataDir, "cannot list the tokens");
    Jdbi jdbi =
        Jdbi.create(() -> openLiveReadOnly(db))
            .installPlugin(new SqlObjectPlugin())
            .registerRowMapper(Token.class, new TokenRowMapper());
    try {
      return jdbi.withHandle(
          handle -> {
            requireTollgateSchema(handle.getConnection(), db, "cannot list the tokens");
            return handle.attach(TokenDao.class).findAll();
          });
    } catch (SQLException e) {
      throw SqliteErrors.translate(new IllegalStateException(e), db, "cannot list the tokens");
    } catch (RuntimeException e) {
      throw SqliteErrors.translate(e, db, "cannot list the tokens");
    }
  }

  /** A consistent copy of the store in {@code dataDir}, taken while a server may be writing. */
  static void backup(Path dataDir, Path output, boolean replace) {
    Path db = existingDatabase(dataDir, "cannot back up");
    try (Connection connection = openLiveReadOnly(db)) {
      requireTollgateSchema(connection, db, "cannot back up");
      SQLiteConnection sqlite = connection.unwrap(SQLiteConnection.class);
      StoreBackup.write(db, output, replace, partial -> StoreBackup.copy(sqlite, db, partial));
    } catch (SQLException e) {
      throw SqliteErrors.translate(new IllegalStateException(e), db, "cannot back up");
    } catch (RuntimeException e) {
      throw SqliteErrors.translate(e, db, "cannot back up");
    }
  }

  /**
   * Checks that {@code file} is a Tollgate store this build can open: SQLite, intact, with the
   * Tollgate schema at a version no newer than {@link Migrations#LATEST}. Reads only.
   *
   * @return its schema version
   */
  static int verifyBackup(Path file) {
    Path input = file.toAbsolutePath().normalize();
    String refusal = "cannot restore from " + input + ": ";
    if (!Files.exists(input)) {
      throw new StoreException(refusal + "the file does not exist");
    }
    if (!Files.isRegularFile(input)) {
      throw new StoreException(refusal + "it is not a regular file");
    }
    requireSqliteHeader(input, refusal);
    try (Connection connection = openImmutable(input);
        Statement statement = connection.createStatement()) {
      StoreCheck.requireNoTrailingBytes(connection, input, refusal);
      List<String> problems = new ArrayList<>();
      try (ResultSet rs = statement.executeQuery("PRAGMA integrity_check")) {
        while (rs.next()) {
          problems.add(rs.getString(1));
        }
      }
      if (!problems.equals(List.of("ok"))) {
        throw new StoreException(
            refusal
                + "it failed SQLite's integrity check ("
                + (problems.isEmpty() ? "no result" : problems.get(0))
                + "); it is damaged");
      }
      int version = requireTollgateSchema(connection, input, "cannot restore");
      StoreCheck.requireTollgateStore(connection, version, null, refusal, "");
      return version;
    } catch (SQLException e) {
      throw SqliteErrors.translate(
          new IllegalStateException(e), input, "cannot restore from " + input);
    } catch (TollgateException e) {
      throw e;
    } catch (RuntimeException e) {
      throw SqliteErrors.translate(e, input, "cannot restore from " + input);
    }
  }

  /**
   * Replaces the database of {@code dataDir} with a copy of {@code backup}, atomically, while
   * holding the directory's lock: refused, with the directory untouched, when a store holds it or
   * the backup does not pass {@link #verifyBackup}.
   */
  @SuppressWarnings("try") // the lock is held, not used, for the body of its try
  static void restore(Path backup, Path dataDir) {
    Path input = backup.toAbsolutePath().normalize();
    int version = verifyBackup(input);
    Path dir = DataDirectory.prepare(dataDir);
    Path db = dir.resolve(SqliteStores.DATABASE_FILE_NAME);
    if (StoreBackup.isSameFile(input, db)) {
      throw new StoreException(
          "cannot restore from " + input + ": it is the database of " + dir + " itself");
    }
    try (DirectoryLock lock = DirectoryLock.acquireForReplacement(dir)) {
      Path temp = dir.resolve("." + db.getFileName() + "." + UUID.randomUUID() + ".restoring");
      try {
        DataDirectory.createOwnerOnlyFile(temp, "restored database");
        copyAndSync(input, temp);
        verifyBackup(temp);
        // A WAL left by the old database must not be replayed into the new one: remove it (and
        // the index into it) before the new file takes the name.
        Files.deleteIfExists(dir.resolve(db.getFileName() + "-wal"));
        Files.deleteIfExists(dir.resolve(db.getFileName() + "-shm"));
        Files.deleteIfExists(dir.resolve(db.getFileName() + "-journal"));
        StoreBackup.moveReplacing(temp, db);
        StoreBackup.force(dir);
        LOG.info("Restored {} from {} (schema version {})", db, input, version);
      } catch (IOException e) {
        throw new StoreException(
            "cannot restore " + db + " from " + input + ": " + DataDirectory.describe(e), e);
      } finally {
        StoreBackup.deleteQuietly(temp);
      }
    }
  }

  private static void copyAndSync(Path from, Path to) throws IOException {
    try (FileChannel in = FileChannel.open(from, StandardOpenOption.READ);
        FileChannel out =
            FileChannel.open(
                to,
                StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING,
                LinkOption.NOFOLLOW_LINKS)) {
      long size = in.size();
      long position = 0;
      while (position < size) {
        position += in.transferTo(position, size - position, out);
      }
      out.force(true);
    }
  }

  /**
   * The database of an existing data directory, by the directory's real path, once the directory
   * passed {@link DataDirectory#check}: even reading, SQLite creates and truncates the WAL index.
   */
  private static Path existingDatabase(Path dataDir, String action) {
    Path given = dataDir.toAbsolutePath().normalize();
    if (!Files.isDirectory(given)) {
      throw new StoreException(action + ": the data directory " + given + " does not exist");
    }
    Path dir;
    try {
      dir = given.toRealPath();
    } catch (IOException e) {
      throw new StoreException(action + ": " + given + ": " + DataDirectory.describe(e), e);
    }
    DataDirectory.check(dir, FileOwners.SYSTEM);
    Path db = dir.resolve(SqliteStores.DATABASE_FILE_NAME);
    if (!Files.isRegularFile(db, LinkOption.NOFOLLOW_LINKS)) {
      throw new StoreException(
          action + ": there is no Tollgate store in " + dir + " (no " + db + ")");
    }
    return db;
  }

  /** Reads the committed state of a database a server may be writing; never writes it. */
  private static Connection openLiveReadOnly(Path db) throws SQLException {
    requireNoQuestionMark(db);
    SQLiteConfig config = Connections.noFollowConfig(true);
    config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
    Connection connection = config.createConnection("jdbc:sqlite:" + db);
    try (Statement statement = connection.createStatement()) {
      statement.execute("PRAGMA query_only = ON");
    } catch (SQLException e) {
      connection.close();
      throw e;
    }
    return connection;
  }

  /**
   * Reads a file nobody writes, as it is: {@code immutable=1} makes SQLite ignore (and never
   * create) journal, WAL and shared-memory files next to it.
   */
  private static Connection openImmutable(Path file) throws SQLException {
    requireNoQuestionMark(file);
    String uri = file.toString().replace("%", "%25").replace("#", "%23");
    SQLiteConfig config = new SQLiteConfig();
    config.setReadOnly(true);
    return config.createConnection("jdbc:sqlite:file:" + uri + "?immutable=1");
  }

  private static void requireNoQuestionMark(Path file) {
    if (file.toString().indexOf('?') >= 0) {
      // sqlite-jdbc reads what follows a '?' as connection parameters.
      throw new StoreException("the path must not contain '?': " + file);
    }
  }

  private static void requireSqliteHeader(Path file, String refusal) {
    byte[] header = new byte[SQLITE_HEADER.length];
    int read;
    try (InputStream in = Files.newInputStream(file)) {
      read = in.readNBytes(header, 0, header.length);
    } catch (IOException e) {
      throw new StoreException(refusal + DataDirectory.describe(e), e);
    }
    if (read == 0) {
      throw new StoreException(refusal + "the file is empty, not a Tollgate store");
    }
    if (read < header.length || !Arrays.equals(header, SQLITE_HEADER)) {
      throw new StoreException(refusal + "it is not a SQLite database, so not a Tollgate store");
    }
  }

  /**
   * Refuses a database without Tollgate's tables or from a newer Tollgate.
   *
   * @return the schema version
   */
  private static int requireTollgateSchema(Connection connection, Path file, String action)
      throws SQLException {
    int version;
    int tables;
    int metaRows = 0;
    try (Statement statement = connection.createStatement()) {
      try (ResultSet rs = statement.executeQuery("PRAGMA user_version")) {
        rs.next();
        version = rs.getInt(1);
      }
      try (ResultSet rs =
          statement.executeQuery(
              "SELECT count(*) FROM sqlite_master WHERE type = 'table'"
                  + " AND name IN ('tokens', 'meta')")) {
        rs.next();
        tables = rs.getInt(1);
      }
      if (tables == 2) {
        try (ResultSet rs = statement.executeQuery("SELECT count(*) FROM meta WHERE id = 0")) {
          rs.next();
          metaRows = rs.getInt(1);
        }
      }
    }
    if (version > Migrations.LATEST) {
      throw new StoreException(
          action
              + ": "
              + file
              + " has schema version "
              + version
              + ", newer than the "
              + Migrations.LATEST
              + " this Tollgate understands; use the Tollgate version that wrote it, or a newer"
              + " one");
    }
    if (version < 1 || tables != 2 || metaRows != 1) {
      throw new StoreException(
          action
              + ": "
              + file
              + " is a SQLite database but not a Tollgate store (no Tollgate schema)");
    }
    return version;
  }
}
