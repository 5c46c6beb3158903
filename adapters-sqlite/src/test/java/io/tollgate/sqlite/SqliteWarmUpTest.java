package io.tollgate.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link SqliteStores#warmUp}: done on an in-memory database, it opens and creates no file. */
class SqliteWarmUpTest {

  @TempDir Path dataDir;

  @Test
  void warmUp_opensNoFile_andAStoreOpensNormallyAfterwards() throws IOException {
    Path workingDir = Path.of(System.getProperty("user.dir"));
    List<String> openBefore = openFiles();
    List<Path> workingDirBefore = listing(workingDir);

    SqliteStores.warmUp();
    SqliteStores.warmUp(); // again: nothing is left behind that a second run trips over

    assertThat(openFiles()).isEqualTo(openBefore);
    assertThat(listing(workingDir)).isEqualTo(workingDirBefore);
    try (SqliteStore store = SqliteStores.open(dataDir)) {
      assertThat(store.tokens().findAll()).isEmpty();
    }
  }

  private static List<Path> listing(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.sorted().toList();
    }
  }

  /** The regular files this process has open, by path (Linux: {@code /proc/self/fd}). */
  private static List<String> openFiles() throws IOException {
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      return fds.map(SqliteWarmUpTest::target)
          .filter(target -> target.startsWith("/") && Files.isRegularFile(Path.of(target)))
          .filter(
              target ->
                  !target.endsWith(".jar") && !target.contains("/jdk") && !target.contains("/jvm/"))
          .sorted()
          .toList();
    }
  }

  private static String target(Path fd) {
    try {
      return Files.readSymbolicLink(fd).toString();
    } catch (IOException e) {
      return ""; // closed meanwhile (the listing's own descriptor)
    }
  }
}
