package io.tollgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.app.TollgateProcess.Result;
import io.tollgate.app.TollgateProcess.Server;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backup tampered with outside Tollgate, restored and served with the packaged jar as separate
 * processes: refused with one line naming what is wrong, the data directory unchanged.
 */
class TamperedStoreIT {

  private static final String TRIGGER =
      "CREATE TRIGGER undelete AFTER DELETE ON tokens BEGIN INSERT INTO tokens (id, name,"
          + " hash_algorithm, hash, created_at, status, permissions) VALUES (old.id + 100,"
          + " old.name, 'sha512', x'"
          + "ab".repeat(64)
          + "', 0, 'active', '*:*:*'); END";

  @TempDir Path temp;

  private Path goodBackup(Path data) throws Exception {
    try (Server server = Server.start(data)) {
      Result admin =
          TollgateProcess.run(
              Map.of("TOLLGATE_HOST_URL", server.url), "create", "token", "--admin");
      assertThat(admin.exitCode()).as(admin.stderr()).isZero();
      assertThat(server.stop()).isZero();
    }
    Path backup = temp.resolve("backup.db");
    Result backedUp =
        TollgateProcess.run(
            Map.of(), "backup", "--data-dir", data.toString(), "--output", backup.toString());
    assertThat(backedUp.exitCode()).as(backedUp.stderr()).isZero();
    return backup;
  }

  private static String sha256(Path file) throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }

  @Test
  void restoreAndServe_refuseAStoreWithATriggerAdded_changingNothing() throws Exception {
    Path data = temp.resolve("data");
    Path backup = goodBackup(data);
    Path tampered = temp.resolve("tampered.db");
    Files.copy(backup, tampered);
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + tampered);
        Statement statement = connection.createStatement()) {
      statement.execute(TRIGGER);
    }
    Path db = data.resolve("tollgate.db");
    String before = sha256(db);

    Result restore =
        TollgateProcess.run(
            Map.of(),
            "restore",
            "--input",
            tampered.toString(),
            "--data-dir",
            data.toString(),
            "--yes");

    assertThat(restore.exitCode()).isEqualTo(1);
    assertThat(restore.stderr())
        .contains("cannot restore from " + tampered)
        .contains("unexpected trigger undelete on tokens");
    assertThat(sha256(db)).isEqualTo(before);

    Path served = temp.resolve("served");
    Files.createDirectory(served);
    Files.copy(tampered, served.resolve("tollgate.db"));
    String servedBefore = sha256(served.resolve("tollgate.db"));
    Result serve =
        TollgateProcess.run(
            Map.of(), "serve", "--data-dir", served.toString(), "--http-bind", "127.0.0.1:0");

    assertThat(serve.exitCode()).isNotZero();
    assertThat(serve.stderr())
        .contains("unexpected trigger undelete on tokens")
        .contains("left unchanged")
        .doesNotContain("Tollgate listening");
    assertThat(sha256(served.resolve("tollgate.db"))).isEqualTo(servedBefore);
  }

  @Test
  void restore_refusesADatabaseFollowedByASparseGibibyteOfZeros() throws Exception {
    Path data = temp.resolve("data");
    Path backup = goodBackup(data);
    long size = Files.size(backup);
    try (RandomAccessFile file = new RandomAccessFile(backup.toFile(), "rw")) {
      file.setLength(size + (1L << 30));
    }
    String before = sha256(data.resolve("tollgate.db"));

    Result restore =
        TollgateProcess.run(
            Map.of(),
            "restore",
            "--input",
            backup.toString(),
            "--data-dir",
            data.toString(),
            "--yes");

    assertThat(restore.exitCode()).isEqualTo(1);
    assertThat(restore.stderr()).contains("its database ends at " + size + " bytes");
    assertThat(sha256(data.resolve("tollgate.db"))).isEqualTo(before);
    try (var files = Files.list(data)) {
      assertThat(files.filter(f -> f.toString().endsWith(".restoring"))).isEmpty();
    }
  }
}
