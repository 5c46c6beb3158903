package io.tollgate.sqlite;

import io.tollgate.core.domain.StoreException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * The few single values opening a store reads and sets, in plain JDBC on the writer's connection.
 *
 * <p>Not through Jdbi, on purpose: Jdbi's first statement in a process registers its event with the
 * JDK flight recorder, and that registration sets up the recorder's whole type system (about 0.15 s
 * here). Reading these values directly lets an existing store open, and the server answer, without
 * it; the first write pays it once. The flight recorder itself stays available.
 *
 * <p>A driver failure is thrown as {@link StoreSqlFailure}, for {@link SqliteErrors#translate}.
 */
final class OpeningReads {

  /** The store's identity and its audit fingerprint key (null where the row has none). */
  record Identity(UUID clusterId, byte[] auditKey) {
    @Override
    public String toString() {
      return "Identity[clusterId="
          + clusterId
          + ", auditKey="
          + (auditKey == null ? "none" : "set")
          + "]";
    }
  }

  private OpeningReads() {}

  /** {@code PRAGMA user_version}: the schema version the migrations left. */
  static int userVersion(Connection connection) {
    return Integer.parseInt(single(connection, "PRAGMA user_version"));
  }

  /** Switches to write-ahead logging; returns the journal mode SQLite reports after it. */
  static String enableWal(Connection connection) {
    return single(connection, "PRAGMA journal_mode = WAL");
  }

  /**
   * The one row of {@code meta} (created by the first migration, given its key by the second).
   *
   * @throws StoreException if the row is missing or its id is malformed
   */
  static Identity identity(Connection connection) {
    try (Statement statement = connection.createStatement();
        ResultSet rs =
            statement.executeQuery("SELECT cluster_uuid, audit_key FROM meta WHERE id = 0")) {
      if (!rs.next()) {
        throw new StoreException("the store has no identity row in meta");
      }
      String id = rs.getString(1);
      byte[] key = rs.getBytes(2);
      return new Identity(parse(id), key);
    } catch (SQLException e) {
      throw new StoreSqlFailure(e);
    }
  }

  private static UUID parse(String id) {
    if (id != null) {
      try {
        return UUID.fromString(id);
      } catch (IllegalArgumentException e) {
        // refused below
      }
    }
    throw new StoreException(
        "the store's cluster id in meta is not a UUID: " + StoreCheck.printable(id));
  }

  private static String single(Connection connection, String sql) {
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      if (!rs.next()) {
        throw new SQLException("no row from " + sql);
      }
      return rs.getString(1);
    } catch (SQLException e) {
      throw new StoreSqlFailure(e);
    }
  }
}
