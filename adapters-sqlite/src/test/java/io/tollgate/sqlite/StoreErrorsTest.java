package io.tollgate.sqlite;

import static io.tollgate.core.testing.TestTokens.newToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.tollgate.core.domain.StoreException;
import io.tollgate.core.domain.Token;
import io.tollgate.core.domain.TokenId;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Driver failures reach callers as StoreExceptions naming the file, with nothing half-written. */
class StoreErrorsTest {

  @TempDir Path tempDir;

  private Path dataDir() {
    return tempDir.resolve("data");
  }

  private Path db() {
    return dataDir().toAbsolutePath().resolve("tollgate.db");
  }

  @Test
  void open_refusesAFileThatIsNotASqliteDatabaseAndLeavesItAlone() throws IOException {
    Files.createDirectories(dataDir());
    String text = "these are someone's notes, not a database\n".repeat(200);
    Files.writeString(db(), text);

    assertThatThrownBy(() -> SqliteStores.open(dataDir()))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining(db().toString())
        .hasMessageContaining("not a SQLite database");

    assertThat(Files.readString(db())).isEqualTo(text);
  }

  @Test
  void aCorruptDatabase_isReportedAsCorruptWithItsPath() throws IOException {
    try (SqliteStore store = SqliteStores.open(dataDir())) {
      for (int i = 0; i < 300; i++) {
        store.tokens().insert(newToken("token-" + i));
      }
    }
    overwriteAfterTheHeader(db());

    assertThatThrownBy(
            () -> {
              try (SqliteStore store = SqliteStores.open(dataDir())) {
                store.tokens().findAll();
              }
            })
        .isInstanceOf(StoreException.class)
        .hasMessageContaining(db().toString())
        .hasMessageContaining("corrupt");
  }

  @Test
  void write_afterTheDatabaseFileWasDeleted_failsAsNotWritableWithThePath() throws IOException {
    try (SqliteStore store = SqliteStores.open(dataDir())) {
      store.tokens().insert(newToken("_admin"));
      Files.delete(db());

      assertThatThrownBy(() -> store.tokens().insert(newToken("orphan")))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining(db().toString())
          .hasMessageContaining("cannot be written")
          .extracting(e -> ((StoreException) e).condition())
          .asString()
          .doesNotContain("/")
          .contains("cannot be written");
    }
  }

  @Test
  void write_onAFullDisk_failsWithThePath_aConditionWithoutIt_andLeavesNothingHalfWritten() {
    try (SqliteStore store = SqliteStores.open(dataDir())) {
      SqliteTokenStore repository = (SqliteTokenStore) store;
      long pages =
          repository.withWriter(h -> h.createQuery("PRAGMA page_count").mapTo(Long.class).one());
      repository.withWriter(h -> h.execute("PRAGMA max_page_count = " + pages));

      int stored = 0;
      StoreException failure = null;
      for (int i = 0; i < 10_000 && failure == null; i++) {
        try {
          store.tokens().insert(newToken("filler-" + i));
          stored++;
        } catch (StoreException e) {
          failure = e;
        }
      }

      assertThat(failure).isNotNull();
      assertThat(failure).hasMessageContaining(db().toString()).hasMessageContaining("full");
      assertThat(failure.condition()).isEqualTo("the token store's disk is full");
      List<Token> after = store.tokens().findAll();
      assertThat(after).hasSize(stored);
      repository.withWriter(h -> h.execute("PRAGMA max_page_count = 1073741823"));
      assertThat(store.tokens().insert(newToken("after-space-freed")).id())
          .isEqualTo(TokenId.of(stored));
    }
  }

  @Test
  void open_ofAReadOnlyDatabase_failsToWriteWithThePath() throws IOException {
    SqliteStores.open(dataDir()).close();
    ReadOnly readOnly = ReadOnly.make(db());
    try {
      assertThatThrownBy(
              () -> {
                try (SqliteStore store = SqliteStores.open(dataDir())) {
                  store.tokens().insert(newToken("_admin"));
                }
              })
          .isInstanceOf(StoreException.class)
          .hasMessageContaining(db().toString());
    } finally {
      readOnly.close();
    }
  }

  @Test
  void open_inAReadOnlyDirectory_failsWithThePath() throws IOException {
    SqliteStores.open(dataDir()).close();
    ReadOnly readOnly = ReadOnly.make(dataDir());
    try {
      assertThatThrownBy(
              () -> {
                try (SqliteStore store = SqliteStores.open(dataDir())) {
                  store.tokens().insert(newToken("_admin"));
                }
              })
          .isInstanceOf(StoreException.class)
          .hasMessageContaining(dataDir().toAbsolutePath().toString());
    } finally {
      readOnly.close();
    }
  }

  /**
   * Makes a file or directory read-only for this process: by mode bits, or, for root whom modes do
   * not bind, by the immutable attribute where {@code chattr} works. Skips the test otherwise.
   */
  private static final class ReadOnly implements AutoCloseable {
    private final Path path;
    private final boolean immutable;

    private ReadOnly(Path path, boolean immutable) {
      this.path = path;
      this.immutable = immutable;
    }

    static ReadOnly make(Path path) throws IOException {
      boolean directory = Files.isDirectory(path);
      Files.setPosixFilePermissions(
          path, PosixFilePermissions.fromString(directory ? "r-x------" : "r--------"));
      if (!isWritable(path)) {
        return new ReadOnly(path, false);
      }
      boolean immutable = chattr("+i", path);
      ReadOnly readOnly = new ReadOnly(path, immutable);
      if (!immutable || isWritable(path)) {
        readOnly.close();
        assumeFalse(true, "cannot make " + path + " read-only for this user");
      }
      return readOnly;
    }

    private static boolean isWritable(Path path) {
      if (Files.isDirectory(path)) {
        try {
          Files.delete(Files.createFile(path.resolve("probe")));
          return true;
        } catch (IOException e) {
          return false;
        }
      }
      try {
        FileChannel.open(path, StandardOpenOption.WRITE).close();
        return true;
      } catch (IOException e) {
        return false;
      }
    }

    private static boolean chattr(String flag, Path path) {
      try {
        Process process =
            new ProcessBuilder("chattr", flag, path.toString()).redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        return process.waitFor() == 0;
      } catch (IOException e) {
        return false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }

    @Override
    public void close() throws IOException {
      if (immutable) {
        chattr("-i", path);
      }
      Files.setPosixFilePermissions(
          path,
          PosixFilePermissions.fromString(Files.isDirectory(path) ? "rwx------" : "rw-------"));
    }
  }

  /** Keeps SQLite's 100-byte header, so the file is still recognised, and ruins every page. */
  private static void overwriteAfterTheHeader(Path file) throws IOException {
    Random random = new Random(42);
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      byte[] garbage = new byte[(int) raf.length() - 100];
      random.nextBytes(garbage);
      raf.seek(100);
      raf.write(garbage);
    }
  }
}
