package io.tollgate.sqlite;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Plain JDBC on a database file, bypassing the store: what an outside tool would see. */
final class RawSqlite implements AutoCloseable {

  private final Connection connection;

  private RawSqlite(Connection connection) {
    this.connection = connection;
  }

  static RawSqlite open(Path databaseFile) {
    try {
      return new RawSqlite(DriverManager.getConnection("jdbc:sqlite:" + databaseFile));
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  Connection connection() {
    return connection;
  }

  void execute(String sql) {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  /** The first column of every row, as strings. */
  List<String> column(String sql) {
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      List<String> values = new ArrayList<>();
      while (rs.next()) {
        values.add(rs.getString(1));
      }
      return values;
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  String single(String sql) {
    List<String> values = column(sql);
    if (values.size() != 1) {
      throw new IllegalStateException(sql + " returned " + values.size() + " rows");
    }
    return values.get(0);
  }

  long count(String sql) {
    return Long.parseLong(single(sql));
  }

  @Override
  public void close() {
    try {
      connection.close();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
