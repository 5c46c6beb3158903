package io.tollgate.sqlite;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.sqlite.SQLiteConfig;

/**
 * The exact schema Tollgate's migrations create at each version, and what a database holds beyond
 * or short of it. The expected schema is made by running the migrations up to that version on an
 * empty in-memory database and reading its {@code sqlite_master}, so it cannot drift from the
 * migrations; the comparison is of every table, index, view and trigger, with its SQL text (runs of
 * whitespace collapsed), so a dropped constraint, an added column or an extra trigger all show.
 */
final class StoreSchema {

  /** One row of {@code sqlite_master}; {@code sql} is null for SQLite's automatic indexes. */
  record SchemaObject(String type, String name, String table, String sql) {

    String label() {
      boolean onTable = ("index".equals(type) || "trigger".equals(type)) && table != null;
      return type
          + " "
          + StoreCheck.printable(name)
          + (onTable ? " on " + StoreCheck.printable(table) : "");
    }
  }

  private static final Map<Integer, Map<String, SchemaObject>> EXPECTED = new ConcurrentHashMap<>();

  private StoreSchema() {}

  /**
   * What differs between the schema of {@code connection}'s database and that of {@code version}.
   */
  static List<String> differences(Connection connection, int version) throws SQLException {
    Map<String, SchemaObject> expected = expected(version);
    Map<String, SchemaObject> actual = read(connection);
    List<String> differences = new ArrayList<>();
    Set<String> changedTables = new HashSet<>();
    for (SchemaObject have : actual.values()) {
      if ("table".equals(have.type()) && !have.equals(expected.get(key(have)))) {
        changedTables.add(have.name());
      }
    }
    for (SchemaObject want : expected.values()) {
      if ("table".equals(want.type()) && !actual.containsKey(key(want))) {
        changedTables.add(want.name());
      }
    }
    for (Map.Entry<String, SchemaObject> entry : actual.entrySet()) {
      SchemaObject want = expected.get(entry.getKey());
      SchemaObject have = entry.getValue();
      if (isAutomaticIndexOf(have, changedTables)) {
        continue;
      }
      if (want == null) {
        differences.add("unexpected " + have.label());
      } else if (!want.equals(have)) {
        differences.add(
            have.label()
                + " is not as schema version "
                + version
                + " defines it (columns or"
                + " constraints changed)");
      }
    }
    for (Map.Entry<String, SchemaObject> entry : expected.entrySet()) {
      if (!actual.containsKey(entry.getKey())
          && !isAutomaticIndexOf(entry.getValue(), changedTables)) {
        differences.add(entry.getValue().label() + " is missing");
      }
    }
    return differences;
  }

  /**
   * SQLite's own index for a UNIQUE or PRIMARY KEY constraint of a table already reported: it
   * differs because the table does, naming it again says nothing more.
   */
  private static boolean isAutomaticIndexOf(SchemaObject object, Set<String> changedTables) {
    return "index".equals(object.type())
        && object.name() != null
        && object.name().startsWith("sqlite_autoindex_")
        && changedTables.contains(object.table());
  }

  /** The schema the migrations make at {@code version}, keyed by type and name. */
  static Map<String, SchemaObject> expected(int version) {
    return EXPECTED.computeIfAbsent(version, StoreSchema::build);
  }

  private static Map<String, SchemaObject> build(int version) {
    try (Handle handle = Jdbi.open(new SQLiteConfig().createConnection("jdbc:sqlite::memory:"))) {
      for (Migration migration : Migrations.ALL) {
        if (migration.version() <= version) {
          migration.step().accept(handle);
        }
      }
      return read(handle.getConnection());
    } catch (SQLException e) {
      throw new IllegalStateException("cannot build the schema of version " + version, e);
    }
  }

  private static Map<String, SchemaObject> read(Connection connection) throws SQLException {
    Map<String, SchemaObject> objects = new TreeMap<>();
    try (Statement statement = connection.createStatement();
        ResultSet rs =
            statement.executeQuery("SELECT type, name, tbl_name, sql FROM sqlite_master")) {
      while (rs.next()) {
        SchemaObject object =
            new SchemaObject(
                rs.getString(1), rs.getString(2), rs.getString(3), normalised(rs.getString(4)));
        objects.put(key(object), object);
      }
    }
    return objects;
  }

  private static String key(SchemaObject object) {
    return object.type() + " " + object.name();
  }

  private static String normalised(String sql) {
    return sql == null ? null : sql.replaceAll("\\s+", " ").trim();
  }
}
