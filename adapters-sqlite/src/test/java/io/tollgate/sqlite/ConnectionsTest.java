package io.tollgate.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConfig;

/**
 * Connections are opened without SQLite's own per-connection mutex, which sqlite-jdbc makes
 * redundant by serializing every native call on a connection: one connection shared by many threads
 * must still read and write correctly.
 */
class ConnectionsTest {
  private static final int SQLITE_OPEN_NOMUTEX = 0x00008000;
  private static final int THREADS = 8;
  private static final int ROUNDS = 500;

  @TempDir Path dir;

  @Test
  void everyConnection_isOpenedWithoutSqlitesMutex() {
    for (boolean readOnly : new boolean[] {false, true}) {
      String mode =
          Connections.noFollowConfig(readOnly)
              .toProperties()
              .getProperty(SQLiteConfig.Pragma.OPEN_MODE.pragmaName);
      assertThat(Integer.parseInt(mode) & SQLITE_OPEN_NOMUTEX).isEqualTo(SQLITE_OPEN_NOMUTEX);
    }
  }

  @Test
  void oneConnectionSharedByManyThreads_readsAndWritesEveryRow() throws Exception {
    Connections connections = new Connections(dir.resolve("t.db"), StoreOptions.DEFAULTS);
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try (Connection connection = connections.openWriter()) {
      try (Statement statement = connection.createStatement()) {
        statement.execute("CREATE TABLE t (thread INTEGER, n INTEGER, PRIMARY KEY (thread, n))");
      }
      List<Future<Long>> sums = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        sums.add(pool.submit(() -> insertThenSum(connection, thread)));
      }
      long expected = (long) ROUNDS * (ROUNDS - 1) / 2;
      for (Future<Long> sum : sums) {
        assertThat(sum.get()).isEqualTo(expected);
      }
      try (Statement statement = connection.createStatement();
          ResultSet rows = statement.executeQuery("SELECT count(*) FROM t")) {
        assertThat(rows.next()).isTrue();
        assertThat(rows.getLong(1)).isEqualTo((long) THREADS * ROUNDS);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** Inserts this thread's rows one statement at a time, then sums them back in one scan. */
  private static long insertThenSum(Connection connection, int thread) throws Exception {
    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO t VALUES (?, ?)")) {
      for (int n = 0; n < ROUNDS; n++) {
        insert.setInt(1, thread);
        insert.setInt(2, n);
        insert.executeUpdate();
      }
    }
    long sum = 0;
    try (PreparedStatement select =
        connection.prepareStatement("SELECT n FROM t WHERE thread = ? ORDER BY n")) {
      select.setInt(1, thread);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          sum += rows.getLong(1);
        }
      }
    }
    return sum;
  }
}
