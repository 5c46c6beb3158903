package io.tollgate.bench.tools;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The database baseline for the named-token creation rate on PostgreSQL: one plain pgjdbc
 * connection, autocommit off, inserting one row the size of a token row (id, name, 64-byte hash,
 * times, status, permissions; a unique index on name and on hash, as {@code tokens} has) and
 * committing it, in a loop for the given seconds. Works in a table of its own, {@code
 * bench_insert_loop}, dropped at the end. Prints the commits per second.
 *
 * <p>With {@code WORK_MICROS}, each insert comes after that many microseconds of busy CPU on the
 * loop's thread, as a server's commit comes after the work of its request (see {@link FsyncLoop}).
 *
 * <p>Usage: {@code JdbcInsertLoop JDBC_URL SECONDS [WORK_MICROS]}
 */
public final class JdbcInsertLoop {

  private JdbcInsertLoop() {}

  public static void main(String[] args) throws SQLException {
    String url = args[0];
    double seconds = Double.parseDouble(args[1]);
    long workNanos = args.length > 2 ? Math.round(Double.parseDouble(args[2]) * 1_000) : 0;
    SecureRandom random = new SecureRandom();
    try (Connection connection = DriverManager.getConnection(url)) {
      try (Statement s = connection.createStatement()) {
        s.execute("DROP TABLE IF EXISTS bench_insert_loop");
        s.execute(
            "CREATE TABLE bench_insert_loop (id bigint PRIMARY KEY, name text NOT NULL UNIQUE,"
                + " hash_algorithm text NOT NULL, hash bytea NOT NULL UNIQUE,"
                + " created_at bigint NOT NULL, created_by bigint, expiry bigint,"
                + " status text NOT NULL, permissions text NOT NULL)");
      }
      connection.setAutoCommit(false);
      try (PreparedStatement insert =
          connection.prepareStatement(
              "INSERT INTO bench_insert_loop (id, name, hash_algorithm, hash, created_at,"
                  + " created_by, expiry, status, permissions)"
                  + " VALUES (?, ?, 'sha512', ?, ?, 0, NULL, 'active', '*:*:*')")) {
        byte[] hash = new byte[64];
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        long start = System.nanoTime();
        long ops = 0;
        while (System.nanoTime() < deadline) {
          FsyncLoop.work(workNanos);
          random.nextBytes(hash);
          insert.setLong(1, ops);
          insert.setString(2, "bench-loop-" + ops);
          insert.setBytes(3, hash);
          insert.setLong(4, System.currentTimeMillis());
          insert.executeUpdate();
          connection.commit();
          ops++;
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        System.out.printf("%.1f%n", ops / elapsed);
      } finally {
        connection.setAutoCommit(true);
        try (Statement s = connection.createStatement()) {
          s.execute("DROP TABLE IF EXISTS bench_insert_loop");
        }
      }
    }
  }
}
