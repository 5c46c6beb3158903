package io.tollgate.postgres;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** One database of the test server, dropped at {@link #close()}. */
final class TestDatabase implements AutoCloseable {

  private final String name;

  TestDatabase(String name) {
    this.name = name;
  }

  String name() {
    return name;
  }

  /** The store URL, {@code postgresql://USER[:PASSWORD]@HOST:PORT/DB}. */
  String url() {
    return TestPostgres.urlOf(name);
  }

  /** The same database reached through {@code hostAndPort} (a proxy). */
  String urlThrough(String hostAndPort) {
    return TestPostgres.urlOf(hostAndPort, name);
  }

  Connection connect() throws SQLException {
    return TestPostgres.connect(TestPostgres.server(), name);
  }

  /** Runs {@code sql} (one or more statements) on a connection of its own. */
  void execute(String sql) {
    try (Connection connection = connect();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot run: " + sql, e);
    }
  }

  /** The first column of the first row of {@code sql}, as a long. */
  long queryLong(String sql) {
    try (Connection connection = connect();
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot run: " + sql, e);
    }
  }

  /** Empties the database: every Tollgate table and sequence goes. */
  void reset() {
    execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public");
  }

  /** Ends the server process {@code pid}, as an operator or a failover would. */
  void terminate(int pid) {
    execute("SELECT pg_terminate_backend(" + pid + ")");
  }

  @Override
  public void close() {
    try (Connection admin =
            TestPostgres.connect(TestPostgres.server(), TestPostgres.server().database());
        Statement statement = admin.createStatement()) {
      statement.execute(
          "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name + "'");
      statement.execute("DROP DATABASE IF EXISTS " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot drop the test database " + name, e);
    }
  }
}
