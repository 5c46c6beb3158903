package io.tollgate.sqlite;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
 * or short of it. The schema of {@link Migrations#LATEST}, the one every start checks, is read from
 * its canonical text ({@value #CANONICAL}, next to this class), which a test keeps equal to what
 * the migrations build; any other version's is made by running the migrations up to it on an empty
 * in-memory database and reading its {@code sqlite_master} (a restore of an older backup, once).
 * The comparison is of every table, index, view and trigger, with its SQL text (runs of whitespace
 * collapsed), so a dropped constraint, an added column or an extra trigger all show.
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

  /**
   * The canonical text of the latest schema: one object a line, its type, name, table and SQL
   * separated by tabs (no SQL for SQLite's automatic indexes); lines starting with {@code #} are
   * comments.
   */
  static final String CANONICAL = "latest-schema.tsv";

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
          && !isAutomaticIndexOf(entry.getValue(), changedTables)
          && !isUnusedSequenceTable(entry.getValue(), version)) {
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

  /**
   * SQLite's {@code sqlite_sequence}, from the version on where no table is {@code AUTOINCREMENT}:
   * a {@code VACUUM} drops it then (it is empty), and nothing reads or writes it, so a store
   * without it is as good as one with it.
   */
  private static boolean isUnusedSequenceTable(SchemaObject object, int version) {
    return version >= Migrations.AUDIT_BY_TIME_VERSION
        && "table".equals(object.type())
        && "sqlite_sequence".equals(object.name());
  }

  /** The schema the migrations make at {@code version}, keyed by type and name. */
  static Map<String, SchemaObject> expected(int version) {
    return EXPECTED.computeIfAbsent(
        version, v -> v == Migrations.LATEST ? canonical() : builtByMigrations(v));
  }

  /** The latest schema as its canonical text gives it. */
  static Map<String, SchemaObject> canonical() {
    String text;
    try (InputStream in = StoreSchema.class.getResourceAsStream(CANONICAL)) {
      if (in == null) {
        throw new IllegalStateException("the canonical schema " + CANONICAL + " is missing");
      }
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the canonical schema " + CANONICAL, e);
    }
    Map<String, SchemaObject> objects = new TreeMap<>();
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] fields = line.split("\t", -1);
      if (fields.length != 4) {
        throw new IllegalStateException("bad line in the canonical schema " + CANONICAL);
      }
      SchemaObject object =
          new SchemaObject(fields[0], fields[1], fields[2], fields[3].isEmpty() ? null : fields[3]);
      objects.put(key(object), object);
    }
    return objects;
  }

  /** The canonical text of {@code objects}, as {@link #canonical()} reads it. */
  static String canonicalText(Map<String, SchemaObject> objects) {
    StringBuilder text = new StringBuilder();
    for (SchemaObject object : objects.values()) {
      text.append(object.type())
          .append('\t')
          .append(object.name())
          .append('\t')
          .append(object.table())
          .append('\t')
          .append(object.sql() == null ? "" : object.sql())
          .append('\n');
    }
    return text.toString();
  }

  /** The schema the migrations make at {@code version}, read back from an in-memory database. */
  static Map<String, SchemaObject> builtByMigrations(int version) {
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
