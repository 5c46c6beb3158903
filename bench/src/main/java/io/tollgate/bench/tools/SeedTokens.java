package io.tollgate.bench.tools;

import io.tollgate.sqlite.SqliteStore;
import io.tollgate.sqlite.SqliteStores;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;

/**
 * Fills a data directory with N named admin tokens for the start-up benchmark. Opens the store once
 * through {@link SqliteStores#open} (so the schema is Tollgate's own, migrated), closes it, then
 * inserts the rows straight through JDBC in one transaction, matching the {@code tokens} table and
 * advancing {@code meta.next_token_id}. The secrets are never kept: only their SHA-512 is stored.
 *
 * <p>Usage: {@code SeedTokens DATA_DIR COUNT}
 */
public final class SeedTokens {

  private SeedTokens() {}

  public static void main(String[] args) throws Exception {
    Path dataDir = Path.of(args[0]);
    int count = Integer.parseInt(args[1]);
    SqliteStore store = SqliteStores.open(dataDir); // creates and migrates the database
    store.close();
    Path db = dataDir.resolve(SqliteStores.DATABASE_FILE_NAME);
    MessageDigest sha512 = MessageDigest.getInstance("SHA-512");
    long now = System.currentTimeMillis();
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db)) {
      try (Statement pragmas = connection.createStatement()) {
        pragmas.execute("PRAGMA synchronous = OFF");
      }
      connection.setAutoCommit(false);
      long firstId;
      try (Statement s = connection.createStatement();
          var rs = s.executeQuery("SELECT next_token_id FROM meta WHERE id = 0")) {
        rs.next();
        firstId = rs.getLong(1);
      }
      try (PreparedStatement insert =
          connection.prepareStatement(
              "INSERT INTO tokens (id, name, hash_algorithm, hash, created_at, created_by,"
                  + " updated_at, updated_by, expiry, description, status, permissions)"
                  + " VALUES (?, ?, 'sha512', ?, ?, NULL, NULL, NULL, NULL, NULL, 'active',"
                  + " '*:*:*')")) {
        for (int i = 0; i < count; i++) {
          long id = firstId + i;
          String secret = "apiv3_bench-seed-" + id;
          insert.setLong(1, id);
          insert.setString(2, "bench-" + id);
          insert.setBytes(3, sha512.digest(secret.getBytes(StandardCharsets.UTF_8)));
          insert.setLong(4, now);
          insert.addBatch();
          if (i % 10_000 == 9_999) {
            insert.executeBatch();
          }
        }
        insert.executeBatch();
      }
      try (PreparedStatement meta =
          connection.prepareStatement("UPDATE meta SET next_token_id = ? WHERE id = 0")) {
        meta.setLong(1, firstId + count);
        meta.executeUpdate();
      }
      connection.commit();
    }
    System.out.println("seeded " + count + " tokens into " + db);
  }
}
