package io.tollgate.sqlite;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.sqlite.util.LibraryLoaderUtil;

/**
 * Unpacks sqlite-jdbc's native library for this platform into a directory, so that a JVM started
 * with {@code -Dorg.sqlite.lib.path=DIR -Dorg.sqlite.lib.name=NAME} loads it from there. Left to
 * itself, the driver copies the library (about 1 MiB) out of the jar into the temporary directory
 * at every start, compares the copy with the jar's byte by byte and runs a process to learn the
 * platform: a tenth of a second of every start of {@code tollgate serve}. The launcher runs this
 * once per build, next to its start-up archives. Usage: {@code java -cp tollgate.jar
 * io.tollgate.sqlite.SqliteNativeLibrary DIR}: DIR then holds the library alone, under the driver's
 * name for it.
 */
final class SqliteNativeLibrary {

  private SqliteNativeLibrary() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: SqliteNativeLibrary DIR");
    }
    export(Path.of(args[0]));
  }

  /** Writes the library into {@code dir} (created if missing); returns the file. */
  static Path export(Path dir) throws IOException {
    String resource =
        LibraryLoaderUtil.getNativeLibResourcePath() + "/" + LibraryLoaderUtil.getNativeLibName();
    Files.createDirectories(dir);
    Path target = dir.resolve(LibraryLoaderUtil.getNativeLibName());
    Path partial = Files.createTempFile(dir, ".partial-", "");
    try (InputStream in = SqliteNativeLibrary.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IOException("sqlite-jdbc has no native library " + resource);
      }
      Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
      Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(partial);
    }
    return target;
  }
}
