package io.tollgate.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.tollgate.app.TollgateProcess.Result;
import io.tollgate.app.TollgateProcess.Server;
import io.tollgate.sqlite.SqliteStores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the data directory must look like, and how start-up failures look, with the packaged jar as
 * separate processes: no file in the directory may be a symbolic link, the directory must be the
 * user's own and not writable by group or others, a second server is refused even when the lock
 * file was removed, and every start-up failure is one {@code error:} line and exit 1.
 */
class DataDirectoryIT {

  private static final String VICTIM_TEXT = "IMPORTANT\n";

  @TempDir Path temp;

  private Path privateDir(String name) throws IOException {
    Path dir = Files.createDirectory(temp.resolve(name));
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    return dir;
  }

  /** A data directory holding an empty Tollgate store, owner-only. */
  private Path store(String name) throws IOException {
    Path dir = privateDir(name);
    SqliteStores.open(dir).close();
    return dir;
  }

  private Path victim() throws IOException {
    return Files.writeString(temp.resolve("victim"), VICTIM_TEXT);
  }

  private static Result serve(Path dir, String... extra) throws Exception {
    String[] args =
        Stream.concat(
                Stream.of("serve", "--data-dir", dir.toString(), "--http-bind", "127.0.0.1:0"),
                Stream.of(extra))
            .toArray(String[]::new);
    return TollgateProcess.run(Map.of(), args);
  }

  /** Exit 1 and exactly one line on stderr, {@code error: …} containing every fragment. */
  private static void assertOneLineError(Result result, String... fragments) {
    assertThat(result.exitCode()).as(result.stderr()).isEqualTo(1);
    assertThat(result.stderr().lines()).as(result.stderr()).hasSize(1);
    assertThat(result.stderr()).startsWith("error: ").contains(fragments);
  }

  @Test
  void aLockFileThatIsALink_isRefusedByServeRestoreAndRecovery_andItsTargetIsUnchanged()
      throws Exception {
    Path dir = store("data");
    Path backup = temp.resolve("backup.db");
    SqliteStores.backup(dir, backup, false);
    Path victim = victim();
    Path lock = dir.resolve("tollgate.lock");
    Files.delete(lock);
    Files.createSymbolicLink(lock, victim);
    String d = dir.toString();

    assertOneLineError(serve(dir), lock + " is a symbolic link", "rm " + lock);
    assertOneLineError(
        TollgateProcess.run(
            Map.of(), "restore", "--input", backup.toString(), "--data-dir", d, "--yes"),
        "tollgate.lock is a symbolic link");
    assertOneLineError(
        TollgateProcess.run(Map.of(), "recovery", "create-operator", "--data-dir", d),
        "tollgate.lock is a symbolic link");

    assertThat(victim).hasContent(VICTIM_TEXT);
  }

  @Test
  void aDanglingDatabaseLink_isRefused_andNothingIsCreatedAtItsTarget() throws Exception {
    Path dir = privateDir("data");
    Path target = temp.resolve("elsewhere").resolve("tollgate.db");
    Files.createDirectory(target.getParent());
    Files.createSymbolicLink(dir.resolve("tollgate.db"), target);

    assertOneLineError(serve(dir), "tollgate.db is a symbolic link");

    try (Stream<Path> files = Files.list(target.getParent())) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void aDirectoryWritableByOthers_isRefusedWithTheCommandThatFixesIt() throws Exception {
    Path dir = privateDir("data");
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));

    assertOneLineError(
        serve(dir), "data directory " + dir + " is writable by others", "run chmod 700 " + dir);
    assertOneLineError(
        TollgateProcess.run(Map.of(), "recovery", "list", "--data-dir", dir.toString()),
        "writable by others");

    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void aDirectoryOfAnotherUser_isRefused_whenTheTestCanGiveItAway() throws Exception {
    assumeThat(System.getProperty("user.name")).as("only root can chown").isEqualTo("root");
    Path dir = privateDir("data");
    Files.setAttribute(dir, "unix:uid", 65534);

    assertOneLineError(serve(dir), "data directory " + dir + " belongs to", "uid 65534");
  }

  @Test
  void aSecondServer_isRefusedEvenWhenTheLockFileWasRemovedWhileTheFirstRuns() throws Exception {
    Path dir = privateDir("data");
    Path backup = temp.resolve("backup.db");
    try (Server first = Server.start(dir)) {
      assertOneLineError(serve(dir), "data directory " + dir + " is in use by another process");

      SqliteStores.backup(dir, backup, false);
      Files.delete(dir.resolve("tollgate.lock"));

      assertOneLineError(serve(dir), "data directory " + dir + " is in use by another process");
      assertOneLineError(
          TollgateProcess.run(
              Map.of(),
              "restore",
              "--input",
              backup.toString(),
              "--data-dir",
              dir.toString(),
              "--yes"),
          "in use by another process");
      assertOneLineError(
          TollgateProcess.run(
              Map.of(), "recovery", "create-operator", "--data-dir", dir.toString()),
          "in use by another process");
      assertThat(first.process.isAlive()).isTrue();
      assertThat(first.stop()).isZero();
    }
  }

  @Test
  void aFileThatIsNotSqlite_isOneLine_andTheStackTraceOnlyAtDebugLevel() throws Exception {
    Path dir = privateDir("data");
    Path db = Files.writeString(dir.resolve("tollgate.db"), "not a database. ".repeat(64));
    Files.setPosixFilePermissions(db, PosixFilePermissions.fromString("rw-------"));

    assertOneLineError(serve(dir), db + " is not a SQLite database");

    Result debug = serve(dir, "--log-level", "debug");
    assertThat(debug.exitCode()).isEqualTo(1);
    assertThat(debug.stderr())
        .contains("Tollgate could not start")
        .contains("\tat io.tollgate.")
        .doesNotContain("ProvisionException: Unable to provision");
    assertThat(debug.stderr().lines().reduce((a, b) -> b).orElseThrow())
        .startsWith("error: ")
        .contains(db + " is not a SQLite database");
  }

  @Test
  void aStoreFromANewerTollgate_isOneLine() throws Exception {
    Path dir = store("data");
    try (Connection connection =
            DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("tollgate.db"));
        Statement statement = connection.createStatement()) {
      statement.execute("PRAGMA user_version = 999");
    }

    assertOneLineError(serve(dir), "schema version 999");
  }
}
