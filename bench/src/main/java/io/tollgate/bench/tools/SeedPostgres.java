package io.tollgate.bench.tools;

import io.tollgate.postgres.PostgresStore;
import io.tollgate.postgres.PostgresStores;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Base64;
import java.util.HexFormat;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Fills a PostgreSQL store with N named admin tokens for the cluster's authenticate benchmark.
 * Opens the store once through {@link PostgresStores#open} (so the schema is Tollgate's own,
 * migrated), closes it, then streams the rows into the {@code tokens} table with one {@code COPY}
 * in one transaction and moves the {@code token_ids} sequence past them. Token {@code i} is named
 * {@code bench-seed-i}; its secret is {@link #secret(int)}, shaped like a real one (92 characters),
 * so that the benchmark can present it without the tool keeping any secret.
 *
 * <p>Usage: {@code SeedPostgres JDBC_URL COUNT}
 */
public final class SeedPostgres {

  private static final int ROWS_PER_WRITE = 10_000;

  private SeedPostgres() {}

  /**
   * The secret of seeded token {@code i}: {@code apiv3_} and the base64url of 64 bytes (a SHA-512
   * of its index), the shape the secret generator gives.
   */
  public static String secret(int i) {
    byte[] bytes = sha512().digest(("bench-seed-" + i).getBytes(StandardCharsets.UTF_8));
    return "apiv3_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  public static void main(String[] args) throws Exception {
    String url = args[0];
    int count = Integer.parseInt(args[1]);
    try (PostgresStore store = PostgresStores.open(url)) {
      // creates and migrates the schema
      System.out.println("store opened: " + store.location());
    }
    MessageDigest sha512 = sha512();
    HexFormat hex = HexFormat.of();
    long now = System.currentTimeMillis();
    try (Connection connection = DriverManager.getConnection(url)) {
      connection.setAutoCommit(false);
      long firstId;
      try (Statement s = connection.createStatement();
          ResultSet rs = s.executeQuery("SELECT nextval('token_ids')")) {
        rs.next();
        firstId = rs.getLong(1);
      }
      CopyIn copy =
          connection
              .unwrap(PGConnection.class)
              .getCopyAPI()
              .copyIn(
                  "COPY tokens (id, name, hash_algorithm, hash, created_at, status, permissions)"
                      + " FROM STDIN (FORMAT text)");
      StringBuilder rows = new StringBuilder();
      for (int i = 0; i < count; i++) {
        byte[] hash = sha512.digest(secret(i).getBytes(StandardCharsets.UTF_8));
        rows.append(firstId + i)
            .append("\tbench-seed-")
            .append(i)
            .append("\tsha512\t\\\\x")
            .append(hex.formatHex(hash))
            .append('\t')
            .append(now)
            .append("\tactive\t*:*:*\n");
        if (i % ROWS_PER_WRITE == ROWS_PER_WRITE - 1 || i == count - 1) {
          byte[] bytes = rows.toString().getBytes(StandardCharsets.UTF_8);
          copy.writeToCopy(bytes, 0, bytes.length);
          rows.setLength(0);
        }
      }
      long copied = copy.endCopy();
      try (Statement s = connection.createStatement()) {
        s.execute("SELECT setval('token_ids', " + (firstId + count) + ", false)");
        s.execute("UPDATE meta SET next_token_id = " + (firstId + count) + " WHERE id = 0");
      }
      connection.commit();
      connection.setAutoCommit(true);
      try (Statement s = connection.createStatement()) {
        s.execute("VACUUM ANALYZE tokens");
      }
      System.out.println("seeded " + copied + " tokens");
    }
  }

  private static MessageDigest sha512() {
    try {
      return MessageDigest.getInstance("SHA-512");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-512", e);
    }
  }
}
