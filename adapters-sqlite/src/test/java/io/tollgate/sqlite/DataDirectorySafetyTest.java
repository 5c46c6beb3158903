package io.tollgate.sqlite;

import static io.tollgate.core.testing.TestTokens.newToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.tollgate.core.domain.StoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a data directory must look like before Tollgate opens a file in it: its owner's, not
 * writable by group or others, and no store file a symbolic link. Every refusal is one line naming
 * the directory or file and saying how to fix it, and changes nothing.
 */
class DataDirectorySafetyTest {

  private static final String VICTIM_TEXT = "IMPORTANT\n";

  @TempDir Path temp;

  private Path privateDir(String name) throws IOException {
    Path dir = temp.resolve(name);
    Files.createDirectory(dir);
    Files.setPosixFilePermissions(dir, DataDirectory.OWNER_ONLY_DIRECTORY);
    return dir;
  }

  private Path victim() throws IOException {
    return Files.writeString(temp.resolve("victim"), VICTIM_TEXT);
  }

  @Test
  void open_refusesALockFileThatIsASymbolicLink_andLeavesItsTargetUnchanged() throws IOException {
    Path dir = privateDir("data");
    Path victim = victim();
    Path lock = Files.createSymbolicLink(dir.resolve("tollgate.lock"), victim);

    assertThatThrownBy(() -> SqliteStores.open(dir))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining(lock.toString())
        .hasMessageContaining("symbolic link")
        .hasMessageContaining("rm " + lock);

    assertThat(victim).hasContent(VICTIM_TEXT);
    assertThat(dir.resolve("tollgate.db")).doesNotExist();
  }

  @Test
  void open_refusesADanglingDatabaseLink_andCreatesNothingAtItsTarget() throws IOException {
    Path dir = privateDir("data");
    Path target = temp.resolve("elsewhere.db");
    Files.createSymbolicLink(dir.resolve("tollgate.db"), target);

    assertThatThrownBy(() -> SqliteStores.open(dir))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("tollgate.db is a symbolic link");

    assertThat(target).doesNotExist();
    assertThat(temp.resolve("elsewhere.db-wal")).doesNotExist();
    assertThat(temp.resolve("elsewhere.db-shm")).doesNotExist();
  }

  @ParameterizedTest
  @ValueSource(strings = {"tollgate.db-wal", "tollgate.db-shm", "tollgate.db-journal"})
  void open_refusesASqliteCompanionFileThatIsALink(String name) throws IOException {
    Path dir = privateDir("data");
    SqliteStores.open(dir).close();
    Path victim = victim();
    Files.deleteIfExists(dir.resolve(name));
    Files.createSymbolicLink(dir.resolve(name), victim);

    assertThatThrownBy(() -> SqliteStores.open(dir))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining(name + " is a symbolic link");
    assertThatThrownBy(() -> SqliteStores.readTokens(dir))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining(name + " is a symbolic link");
    assertThatThrownBy(() -> SqliteStores.backup(dir, temp.resolve("b.db"), false))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining(name + " is a symbolic link");

    assertThat(victim).hasContent(VICTIM_TEXT);
  }

  @Test
  void open_refusesALockFileThatIsNotARegularFile() throws IOException {
    Path dir = privateDir("data");
    Files.createDirectory(dir.resolve("tollgate.lock"));

    assertThatThrownBy(() -> SqliteStores.open(dir))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("tollgate.lock is not a regular file");
  }

  @Test
  void restore_refusesALockFileThatIsALink_andLeavesItsTargetUnchanged() throws IOException {
    Path source = temp.resolve("source");
    SqliteStores.open(source).close();
    Path backup = temp.resolve("backup.db");
    SqliteStores.backup(source, backup, false);
    Path dir = privateDir("data");
    Path victim = victim();
    Files.createSymbolicLink(dir.resolve("tollgate.lock"), victim);

    assertThatThrownBy(() -> SqliteStores.restore(backup, dir))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("tollgate.lock is a symbolic link");

    assertThat(victim).hasContent(VICTIM_TEXT);
    try (var files = Files.list(dir)) {
      assertThat(files.map(f -> f.getFileName().toString())).containsExactly("tollgate.lock");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"rwxrwxrwx", "rwxrwx---", "rwx-w----", "rwx----wx"})
  void open_refusesADirectoryWritableByGroupOrOthers_withTheCommandThatFixesIt(String mode)
      throws IOException {
    Path dir = privateDir("data");
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString(mode));

    assertThatThrownBy(() -> SqliteStores.open(dir))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("data directory " + dir + " is writable by")
        .hasMessageContaining("run chmod 700 " + dir)
        .hasMessageNotContaining("\n");
    assertThatThrownBy(() -> SqliteStores.readTokens(dir)).hasMessageContaining("writable by");

    try (var files = Files.list(dir)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void open_acceptsADirectoryOthersMayOnlyRead() throws IOException {
    Path dir = privateDir("data");
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));

    try (SqliteStore store = SqliteStores.open(dir)) {
      store.tokens().insert(newToken("_admin"));
    }
  }

  @Test
  void prepare_refusesADirectoryOfAnotherUser_namingBothUsers() throws IOException {
    Path dir = privateDir("data");
    FileOwners someoneElse =
        new FileOwners() {
          @Override
          public Owner ownerOf(Path path) {
            return new Owner(1234, "mallory");
          }

          @Override
          public Owner currentUser() {
            return new Owner(1000, "alice");
          }
        };

    assertThatThrownBy(() -> DataDirectory.prepare(dir, someoneElse))
        .isInstanceOf(StoreException.class)
        .hasMessage(
            "data directory "
                + dir
                + " belongs to mallory (uid 1234), not to alice (uid 1000) who runs Tollgate;"
                + " run Tollgate as mallory (uid 1234), or choose a directory of your own with"
                + " --data-dir");
  }

  @Test
  void open_refusesADirectoryOwnedByAnotherUser_whenTheTestCanChangeOwners() throws IOException {
    FileOwners.Owner me = FileOwners.SYSTEM.currentUser();
    assumeThat(me).isNotNull();
    assumeThat(me.uid()).as("only root can give a directory away").isZero();
    Path dir = privateDir("data");
    Files.setAttribute(dir, "unix:uid", 65534);

    assertThatThrownBy(() -> SqliteStores.open(dir))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("belongs to")
        .hasMessageContaining("uid 65534");
    try (var files = Files.list(dir)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void systemOwners_seeThisProcessAsTheOwnerOfWhatItCreates() throws IOException {
    Path file = Files.createFile(temp.resolve("mine"));

    assertThat(FileOwners.SYSTEM.ownerOf(file).uid())
        .isEqualTo(FileOwners.SYSTEM.currentUser().uid());
  }

  @Test
  void open_refusesTheDirectoryInThisProcessWhenItsLockFileWasRemoved() throws IOException {
    Path source = temp.resolve("source");
    SqliteStores.open(source).close();
    Path backup = temp.resolve("backup.db");
    SqliteStores.backup(source, backup, false);
    Path dir = privateDir("data");
    try (SqliteStore first = SqliteStores.open(dir)) {
      first.tokens().insert(newToken("_admin"));
      Files.delete(dir.resolve("tollgate.lock"));

      assertThatThrownBy(() -> SqliteStores.open(dir))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("already open");
      assertThatThrownBy(() -> SqliteStores.restore(backup, dir))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("already open");

      first.tokens().insert(newToken("still-working"));
      assertThat(first.tokens().findAll()).hasSize(2);
    }
  }
}
