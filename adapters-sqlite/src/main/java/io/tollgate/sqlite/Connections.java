package io.tollgate.sqlite;

import io.tollgate.core.domain.StoreException;
import io.tollgate.core.domain.Token;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.sqlite.SQLiteConfig;

/**
 * Opens the store's connections. Every connection waits up to the busy timeout for a lock, enforces
 * foreign keys and syncs fully; the writer starts its transactions with {@code BEGIN IMMEDIATE}, so
 * it takes the write lock up front instead of failing to upgrade a read lock halfway. Readers are
 * {@code query_only}. Opening a connection does not change the file: the journal mode is switched
 * to WAL only after the schema version was checked.
 */
final class Connections {

  private static final int SQLITE_OPEN_READONLY = 0x00000001;
  private static final int SQLITE_OPEN_READWRITE = 0x00000002;
  private static final int SQLITE_OPEN_CREATE = 0x00000004;
  private static final int SQLITE_OPEN_NOMUTEX = 0x00008000;
  private static final int SQLITE_OPEN_NOFOLLOW = 0x01000000;

  private final String url;
  private final StoreOptions options;

  Connections(Path databaseFile, StoreOptions options) {
    String path = databaseFile.toString();
    if (path.indexOf('?') >= 0) {
      // sqlite-jdbc reads what follows a '?' as connection parameters.
      throw new StoreException(
          "the data directory path must not contain '?': " + databaseFile.getParent());
    }
    this.url = "jdbc:sqlite:" + path;
    this.options = options;
  }

  Jdbi writers() {
    return jdbi(this::openWriter);
  }

  Jdbi readers() {
    return jdbi(this::openReader);
  }

  Connection openWriter() throws SQLException {
    SQLiteConfig config = baseConfig();
    config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
    return config.createConnection(url);
  }

  Connection openReader() throws SQLException {
    Connection connection = baseConfig().createConnection(url);
    try (Statement statement = connection.createStatement()) {
      statement.execute("PRAGMA query_only = ON");
    } catch (SQLException e) {
      connection.close();
      throw e;
    }
    return connection;
  }

  private SQLiteConfig baseConfig() {
    SQLiteConfig config = noFollowConfig(false);
    config.setBusyTimeout(options.busyTimeoutMillis());
    config.enforceForeignKeys(true);
    config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
    // Nothing reads generated keys; left on, the driver runs a regex and a second query
    // ("SELECT last_insert_rowid()") after every INSERT, on the creation path.
    config.setGetGeneratedKeys(false);
    return config;
  }

  /**
   * A configuration whose connections refuse a database path that is a symbolic link ({@code
   * SQLITE_OPEN_NOFOLLOW}, which sqlite-jdbc has no constant for), read-write and creating, or
   * read-only. SQLite also refuses a link anywhere in the directory's path, so the path must be the
   * directory's real path.
   *
   * <p>Opened {@code SQLITE_OPEN_NOMUTEX}: SQLite does not lock a connection's mutex around each
   * call (every row stepped, every column read), because sqlite-jdbc already serializes them: each
   * of its native calls is a {@code synchronized} method of the connection's {@code NativeDB}, so
   * no two threads are ever inside SQLite on one connection. The lock and unlock were about 4% of
   * the CPU of a 1,000,000-token start.
   */
  static SQLiteConfig noFollowConfig(boolean readOnly) {
    Properties properties = new Properties();
    int mode = readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
    properties.setProperty(
        SQLiteConfig.Pragma.OPEN_MODE.pragmaName,
        Integer.toString(mode | SQLITE_OPEN_NOFOLLOW | SQLITE_OPEN_NOMUTEX));
    SQLiteConfig config = new SQLiteConfig(properties);
    if (readOnly) {
      config.setReadOnly(true);
    }
    return config;
  }

  private static Jdbi jdbi(org.jdbi.v3.core.ConnectionFactory factory) {
    // Registered here rather than by annotation: Jdbi cannot instantiate package-private mappers.
    return Jdbi.create(factory)
        .installPlugin(new SqlObjectPlugin())
        .registerRowMapper(Token.class, new TokenRowMapper())
        .registerRowMapper(AuditRow.class, Connections::auditEntry);
  }

  private static AuditRow auditEntry(ResultSet rs, StatementContext ctx) throws SQLException {
    long actorTokenId = rs.getLong("actor_token_id");
    Long actor = rs.wasNull() ? null : actorTokenId;
    return new AuditRow(
        rs.getLong("at"),
        rs.getString("action"),
        rs.getString("actor_label"),
        actor,
        rs.getString("token_name"),
        rs.getString("client_address"),
        rs.getString("method"),
        rs.getString("path"),
        rs.getString("request_id"),
        rs.getString("credential_fp"),
        rs.getLong("count"));
  }
}
