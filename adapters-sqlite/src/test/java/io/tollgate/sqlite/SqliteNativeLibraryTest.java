package io.tollgate.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.util.LibraryLoaderUtil;

class SqliteNativeLibraryTest {

  @TempDir Path tempDir;

  @Test
  void export_writesThisPlatformsLibraryExactlyAsTheDriverShipsIt() throws IOException {
    Path dir = tempDir.resolve("sqlite");

    SqliteNativeLibrary.main(new String[] {dir.toString()});

    byte[] shipped;
    try (InputStream in =
        SqliteNativeLibrary.class.getResourceAsStream(
            LibraryLoaderUtil.getNativeLibResourcePath()
                + "/"
                + LibraryLoaderUtil.getNativeLibName())) {
      shipped = in.readAllBytes();
    }
    try (var files = Files.list(dir)) {
      assertThat(files).containsExactly(dir.resolve(LibraryLoaderUtil.getNativeLibName()));
    }
    assertThat(Files.readAllBytes(dir.resolve(LibraryLoaderUtil.getNativeLibName())))
        .isEqualTo(shipped);
  }

  @Test
  void aJvmPointedAtTheExportedLibrary_opensAStoreAndUnpacksNothingIntoTheTemporaryDirectory()
      throws Exception {
    Path library = SqliteNativeLibrary.export(tempDir.resolve("sqlite"));
    Path tmp = Files.createDirectories(tempDir.resolve("tmp"));

    Process child =
        new ProcessBuilder(
                List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:TieredStopAtLevel=1",
                    "-Dorg.sqlite.lib.path=" + library.getParent(),
                    "-Dorg.sqlite.lib.name=" + library.getFileName(),
                    "-Dorg.sqlite.tmpdir=" + tmp,
                    "-Djava.io.tmpdir=" + tmp,
                    "-cp",
                    System.getProperty("java.class.path"),
                    OpenStoreChild.class.getName(),
                    tempDir.resolve("data").toString()))
            .redirectErrorStream(true)
            .redirectOutput(tempDir.resolve("child.out").toFile())
            .start();

    assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(child.exitValue()).as(Files.readString(tempDir.resolve("child.out"))).isZero();
  }

  /**
   * Opens a store in the directory given and closes it; exits with 3 when the driver's temporary
   * directory then holds anything (the driver deletes what it unpacked only when the JVM exits).
   */
  static final class OpenStoreChild {
    public static void main(String[] args) throws IOException {
      SqliteStores.open(Path.of(args[0])).close();
      try (var files = Files.list(Path.of(System.getProperty("org.sqlite.tmpdir")))) {
        if (files.findAny().isPresent()) {
          System.exit(3);
        }
      }
    }
  }
}
