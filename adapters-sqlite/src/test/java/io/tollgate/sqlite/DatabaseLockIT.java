package io.tollgate.sqlite;

import static io.tollgate.core.testing.TestTokens.newToken;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The single-owner guarantee does not rest on {@code tollgate.lock} alone: the owner also locks a
 * byte of {@code tollgate.db}, so a second process is refused when the lock file was removed or
 * replaced while the owner runs, and the lock survives SQLite opening and closing further
 * connections to the database in the owner's process.
 */
class DatabaseLockIT {

  @TempDir Path tempDir;

  private String probe(Path dataDir) throws Exception {
    ChildJvm probe = ChildJvm.start(tempDir, "probe", dataDir.toString());
    assertThat(probe.awaitExit(Duration.ofSeconds(60))).isZero();
    return String.join("\n", probe.completeLines());
  }

  @Test
  void aSecondProcess_isRefusedWhenTheLockFileWasRemovedOrReplacedWhileTheOwnerRuns()
      throws Exception {
    Path dataDir = tempDir.resolve("data");
    Path lockFile = dataDir.resolve(DirectoryLock.FILE_NAME);
    try (SqliteStore owner = SqliteStores.open(dataDir)) {
      owner.tokens().insert(newToken("_admin"));
      owner.tokens().findAll();
      // Another connection to the same database opens and closes in the owner's process: SQLite
      // must not close a descriptor of the file (which would drop the owner's lock with it).
      assertThat(SqliteStores.readTokens(dataDir)).hasSize(1);
      owner.backupTo(tempDir.resolve("copy.db"));

      Files.delete(lockFile);
      assertThat(probe(dataDir))
          .startsWith("REFUSED")
          .contains(dataDir.toString())
          .contains("in use by another process");
      assertThat(lockFile).exists();

      Files.delete(lockFile);
      Files.writeString(lockFile, "1\n");
      assertThat(probe(dataDir)).startsWith("REFUSED").contains("in use by another process");

      owner.tokens().insert(newToken("still-the-owner"));
      assertThat(owner.tokens().findAll()).hasSize(2);
    }
    assertThat(probe(dataDir)).isEqualTo("OPENED 2");
  }
}
