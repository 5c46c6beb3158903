package io.tollgate.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.postgresql.Driver;

/**
 * The PostgreSQL server of the tests: the one named by {@code TOLLGATE_TEST_POSTGRES_URL} when set
 * (its user must be allowed to create databases), otherwise one embedded server (real PostgreSQL
 * binaries from Maven Central) started once per test JVM and stopped at its exit. Each test class
 * gets a database of its own. There is no skipping: a server that cannot be had fails the tests.
 */
final class TestPostgres {

  static final String ENV = "TOLLGATE_TEST_POSTGRES_URL";

  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static PostgresUrl server;

  private TestPostgres() {}

  /** The admin URL of the server: its hosts, user and password, and a database to connect to. */
  static synchronized PostgresUrl server() {
    if (server == null) {
      String external = System.getenv(ENV);
      if (external != null && !external.isBlank()) {
        server = PostgresUrl.parse(external);
      } else {
        server = startEmbedded();
      }
    }
    return server;
  }

  private static PostgresUrl startEmbedded() {
    try {
      EmbeddedPostgres embedded = EmbeddedPostgres.builder().start();
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      embedded.close();
                    } catch (IOException e) {
                      // the JVM is exiting
                    }
                  }));
      return PostgresUrl.parse(
          "postgresql://postgres@localhost:" + embedded.getPort() + "/postgres");
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot start the embedded PostgreSQL for the tests (or set " + ENV + ")", e);
    }
  }

  /** A new, empty database on the server. */
  static TestDatabase freshDatabase() {
    String name =
        "tollgate_test_"
            + DATABASES.incrementAndGet()
            + "_"
            + UUID.randomUUID().toString().substring(0, 8);
    try (Connection admin = connect(server(), server().database());
        Statement statement = admin.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create the test database " + name, e);
    }
    return new TestDatabase(name);
  }

  /** A plain connection to {@code database} on the server, as its admin user. */
  static Connection connect(PostgresUrl server, String database) throws SQLException {
    Properties properties = server.credentials();
    Connection connection =
        new Driver().connect("jdbc:postgresql://" + server.hosts() + "/" + database, properties);
    if (connection == null) {
      throw new SQLException("the driver refused the URL");
    }
    return connection;
  }

  /**
   * The store URL of {@code database} on the server, in the postgresql:// form, password included.
   */
  static String urlOf(String database) {
    return urlOf(server().hosts(), database);
  }

  static String urlOf(String hosts, String database) {
    PostgresUrl admin = server();
    StringBuilder url = new StringBuilder("postgresql://");
    if (admin.user() != null) {
      url.append(encode(admin.user()));
      if (admin.password() != null) {
        url.append(':').append(encode(admin.password()));
      }
      url.append('@');
    }
    return url.append(hosts).append('/').append(database).toString();
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
