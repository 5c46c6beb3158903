package io.tollgate.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import io.tollgate.core.domain.StoreException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Opens {@link PostgresStore}s: a token store in a PostgreSQL database that several Tollgate nodes
 * share. The database must exist and belong to Tollgate alone (or give Tollgate a schema of its own
 * with the driver's {@code currentSchema} parameter); the tables are created and migrated on open.
 */
public final class PostgresStores {

  /** How long a statement may wait for a row lock (another node's write) before it fails. */
  static final String LOCK_TIMEOUT = "10s";

  /**
   * How long a connection may sit idle inside a transaction before the server ends it, releasing
   * its locks: a node that stops mid-transaction cannot hold the write lock longer than this.
   */
  static final String IDLE_IN_TRANSACTION_TIMEOUT = "30s";

  private PostgresStores() {}

  /**
   * Whether {@code store} names a PostgreSQL store ({@code postgresql://…}, {@code
   * jdbc:postgresql:…}).
   */
  public static boolean isPostgresUrl(String store) {
    return PostgresUrl.looksLikePostgres(store);
  }

  /** Opens the store at {@code url} with {@link PostgresOptions#DEFAULTS}. */
  public static PostgresStore open(String url) {
    return open(url, PostgresOptions.DEFAULTS);
  }

  /**
   * Opens the store at {@code url}: {@code postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE} (also
   * {@code postgres://}, and several {@code HOST:PORT} separated by commas) or {@code
   * jdbc:postgresql://HOST[:PORT]/DATABASE?user=USER&password=PASSWORD}; further query parameters
   * go to the driver as they are. Connects, creates or migrates the schema (nodes opening together
   * migrate once), and starts following the change log.
   *
   * @throws IllegalArgumentException if {@code url} is not such a URL (the message never repeats
   *     the password)
   * @throws StoreException if the server cannot be reached, refuses the login, lacks the database,
   *     or holds a schema from a newer Tollgate; the message names host, port, database and user,
   *     never the password
   */
  public static PostgresStore open(String url, PostgresOptions options) {
    PostgresUrl where = PostgresUrl.parse(url);
    HikariDataSource pool = pool(where, options);
    try {
      Jdbi jdbi = Jdbi.create(pool);
      UUID clusterId;
      long lastChange;
      try (Handle handle = jdbi.open()) {
        Migrations.migrate(handle, where.redacted());
        clusterId =
            handle
                .createQuery("SELECT cluster_uuid FROM meta WHERE id = 0")
                .mapTo(UUID.class)
                .one();
        lastChange =
            handle
                .createQuery("SELECT coalesce(max(seq), 0) FROM change_log")
                .mapTo(Long.class)
                .one();
      } catch (Migrations.NewerSchemaException e) {
        throw new StoreException(
            "the token store's database is from a newer Tollgate",
            "the PostgreSQL store " + where.location() + " has " + e.getMessage(),
            null);
      } catch (RuntimeException e) {
        throw PgErrors.translate(e, where, "cannot open the PostgreSQL store " + where.location());
      }
      ChangeFeed feed = new ChangeFeed(where, options, lastChange);
      PostgresStore store = new PostgresStore(where, options, pool, jdbi, clusterId, feed);
      feed.start();
      return store;
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
  }

  /** How often an idle pooled connection is checked (HikariCP's shortest keep-alive). */
  static final Duration KEEPALIVE = Duration.ofSeconds(30);

  private static HikariDataSource pool(PostgresUrl where, PostgresOptions options) {
    HikariConfig config = new HikariConfig();
    config.setPoolName("tollgate-postgres");
    config.setJdbcUrl(where.jdbcUrl());
    config.setDriverClassName("org.postgresql.Driver");
    if (where.user() != null) {
      config.setUsername(where.user());
    }
    if (where.password() != null) {
      config.setPassword(where.password());
    }
    Properties properties = driverProperties(where, options, "");
    properties.remove("user");
    properties.remove("password");
    // a statement on a silently dead network fails after this rather than blocking a thread
    properties.setProperty("socketTimeout", "30");
    config.setDataSourceProperties(properties);
    config.setMaximumPoolSize(options.poolSize());
    config.setMinimumIdle(1);
    long connectMillis = options.connectTimeout().toMillis();
    config.setConnectionTimeout(Math.max(250, connectMillis));
    // A connection the server or the network killed is discarded rather than handed out: the one
    // a statement failed on at once (HikariCP evicts on SQLState 08, which pgjdbc gives an I/O
    // error), any other when checked out after 500 ms idle (Connection.isValid, bounded by the
    // validation timeout), and an idle one by the keep-alive ping every 30 s even without traffic.
    config.setValidationTimeout(Math.max(250, Math.min(connectMillis, 5_000)));
    config.setKeepaliveTime(KEEPALIVE.toMillis());
    config.setInitializationFailTimeout(Math.max(1, connectMillis));
    config.setConnectionInitSql(
        "SET lock_timeout = '"
            + LOCK_TIMEOUT
            + "'; SET idle_in_transaction_session_timeout = '"
            + IDLE_IN_TRANSACTION_TIMEOUT
            + "'");
    try {
      return new HikariDataSource(config);
    } catch (HikariPool.PoolInitializationException e) {
      SQLException cause = PgErrors.sqlCause(e);
      if (cause != null) {
        throw PgErrors.translate(
            cause, where, "cannot open the PostgreSQL store " + where.location());
      }
      throw new StoreException(
          PgErrors.UNREACHABLE,
          "cannot open the PostgreSQL store "
              + where.location()
              + ": "
              + where.scrub(String.valueOf(e.getMessage())),
          null);
    }
  }

  /**
   * The driver settings of every connection: credentials, an application name that shows in {@code
   * pg_stat_activity} (the URL's {@code ApplicationName}, default {@code tollgate}, followed by
   * {@code role}), the connect timeout, TCP keep-alive, and no row values in error messages.
   */
  static Properties driverProperties(PostgresUrl where, PostgresOptions options, String role) {
    Properties properties = where.credentials();
    properties.setProperty("ApplicationName", where.applicationName() + role);
    properties.setProperty(
        "connectTimeout",
        Long.toString(
            Math.max(1, TimeUnit.MILLISECONDS.toSeconds(options.connectTimeout().toMillis()))));
    properties.setProperty("tcpKeepAlive", "true");
    properties.setProperty("logServerErrorDetail", "false");
    return properties;
  }
}
