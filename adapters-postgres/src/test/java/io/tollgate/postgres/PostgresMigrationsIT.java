package io.tollgate.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.core.domain.StoreException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PostgresMigrationsIT {

  private static TestDatabase database;

  @BeforeAll
  static void createDatabase() {
    database = TestPostgres.freshDatabase();
  }

  @AfterAll
  static void dropDatabase() {
    database.close();
  }

  @BeforeEach
  void emptyDatabase() {
    database.reset();
  }

  private static <T> T withHandle(org.jdbi.v3.core.HandleCallback<T, RuntimeException> work) {
    try {
      Connection connection = database.connect();
      try (Handle handle = Jdbi.open(connection)) {
        return work.withHandle(handle);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Every table's columns, every constraint and every index of the public schema, as text. */
  private static List<String> schema() {
    List<String> schema = new ArrayList<>();
    try (Connection connection = database.connect();
        Statement statement = connection.createStatement()) {
      read(
          statement,
          "SELECT table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable"
              + " || ' ' || coalesce(column_default, '') FROM information_schema.columns"
              + " WHERE table_schema = 'public' ORDER BY 1",
          schema);
      read(
          statement,
          "SELECT conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid)"
              + " FROM pg_constraint WHERE connamespace = 'public'::regnamespace ORDER BY 1",
          schema);
      read(
          statement,
          "SELECT indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1",
          schema);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return schema;
  }

  private static void read(Statement statement, String sql, List<String> into) throws SQLException {
    try (ResultSet rs = statement.executeQuery(sql)) {
      while (rs.next()) {
        into.add(rs.getString(1));
      }
    }
  }

  @Test
  void fromEveryOlderVersion_openingMigratesToExactlyTheSchemaOfANewStore() {
    PostgresStores.open(database.url()).close();
    List<String> fresh = schema();
    assertThat(fresh).anyMatch(line -> line.startsWith("change_log.seq bigint"));

    for (int version = 0; version < Migrations.LATEST; version++) {
      database.reset();
      int target = version;
      withHandle(
          handle -> {
            Migrations.migrate(handle, "test", target, Migrations.ALL);
            assertThat(Migrations.version(handle)).isEqualTo(target);
            return null;
          });

      PostgresStores.open(database.url()).close();

      assertThat(schema()).as("migrated from version %d", version).isEqualTo(fresh);
      assertThat(withHandle(Migrations::version)).isEqualTo(Migrations.LATEST);
    }
  }

  @Test
  void aStoreFromANewerTollgate_isRefusedAndLeftUnchanged() {
    PostgresStores.open(database.url()).close();
    database.execute("UPDATE schema_version SET version = " + (Migrations.LATEST + 1));
    List<String> before = schema();

    assertThatThrownBy(() -> PostgresStores.open(database.url()))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("schema version " + (Migrations.LATEST + 1))
        .hasMessageContaining("newer than the " + Migrations.LATEST);

    assertThat(schema()).isEqualTo(before);
    assertThat(withHandle(Migrations::version)).isEqualTo(Migrations.LATEST + 1);
  }

  @Test
  void aFailingStep_leavesTheDatabaseAtTheVersionBefore() {
    List<Migrations.Migration> withBrokenStep = new ArrayList<>(Migrations.ALL);
    withBrokenStep.add(
        new Migrations.Migration(
            Migrations.LATEST + 1,
            "broken",
            handle -> {
              handle.execute("CREATE TABLE half_done (id integer)");
              throw new IllegalStateException("step failed");
            }));

    assertThatThrownBy(
            () ->
                withHandle(
                    handle -> {
                      Migrations.migrate(handle, "test", Migrations.LATEST + 1, withBrokenStep);
                      return null;
                    }))
        .hasMessageContaining("step failed");

    assertThat(withHandle(Migrations::version)).isEqualTo(Migrations.LATEST);
    assertThat(schema()).noneMatch(line -> line.contains("half_done"));
  }

  @Test
  void nodesOpeningAnEmptyDatabaseTogether_migrateOnceAndShareOneClusterIdAndFingerprintKey()
      throws Exception {
    int nodes = 6;
    Set<String> keys = ConcurrentHashMap.newKeySet();
    ExecutorService pool = Executors.newFixedThreadPool(nodes);
    CyclicBarrier start = new CyclicBarrier(nodes);
    List<Future<UUID>> ids = new ArrayList<>();
    try {
      for (int i = 0; i < nodes; i++) {
        Callable<UUID> open =
            () -> {
              start.await();
              try (PostgresStore store = PostgresStores.open(database.url())) {
                keys.add(HexFormat.of().formatHex(store.auditLog().fingerprintKey()));
                return store.clusterId();
              }
            };
        ids.add(pool.submit(open));
      }
      List<UUID> seen = new ArrayList<>();
      for (Future<UUID> id : ids) {
        seen.add(id.get(60, TimeUnit.SECONDS));
      }
      assertThat(seen).containsOnly(seen.get(0));
      assertThat(keys).hasSize(1);
    } finally {
      pool.shutdownNow();
    }
    assertThat(database.queryLong("SELECT count(*) FROM meta")).isEqualTo(1);
  }
}
