package io.tollgate.sqlite;

import io.tollgate.core.domain.StoreException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.SQLException;
import java.util.UUID;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConnection;

/**
 * A backup file written complete or not at all: SQLite's online backup into an owner-only partial
 * file next to the target, synced, then renamed into place (or, without {@code replace}, linked,
 * which fails atomically when the target exists), then the directory synced.
 */
final class StoreBackup {

  private static final Logger LOG = LoggerFactory.getLogger(StoreBackup.class);
  private static final int SQLITE_OK = 0;
  private static final int SQLITE_DONE = 101;

  private StoreBackup() {}

  /**
   * Writes a backup of {@code source} to {@code target}; {@code copier} fills the partial file it
   * is given (see {@link #copy}).
   */
  static void write(Path source, Path target, boolean replace, Consumer<Path> copier) {
    Path destination = target.toAbsolutePath().normalize();
    Path parent = destination.getParent();
    if (parent == null || !Files.isDirectory(parent)) {
      throw new StoreException(
          "cannot back up " + source + ": the directory of " + destination + " does not exist");
    }
    if (Files.isDirectory(destination)) {
      throw new StoreException("cannot back up " + source + ": " + destination + " is a directory");
    }
    if (isSameFile(source, destination)) {
      throw new StoreException(
          "cannot back up " + source + " onto itself: choose another output file");
    }
    if (!replace && Files.exists(destination, LinkOption.NOFOLLOW_LINKS)) {
      throw alreadyExists(source, destination);
    }
    Path partial =
        parent.resolve("." + destination.getFileName() + "." + UUID.randomUUID() + ".partial");
    try {
      DataDirectory.createOwnerOnlyFile(partial, "backup");
      copier.accept(partial);
      force(partial);
      if (replace) {
        moveReplacing(partial, destination);
      } else {
        linkWithoutReplacing(partial, destination);
      }
      force(parent);
      LOG.info("Backed up {} to {}", source, destination);
    } catch (FileAlreadyExistsException e) {
      throw alreadyExists(source, destination);
    } catch (IOException e) {
      throw new StoreException(
          "cannot back up " + source + " to " + destination + ": " + DataDirectory.describe(e), e);
    } finally {
      deleteQuietly(partial);
    }
  }

  /**
   * Copies the committed state of {@code connection}'s database into {@code partial}, all pages in
   * one step, so in one read transaction: a consistent snapshot while writers carry on.
   */
  static void copy(SQLiteConnection connection, Path source, Path partial) {
    int result;
    try {
      result = connection.getDatabase().backup("main", partial.toString(), null, 100, 50, -1);
    } catch (SQLException e) {
      throw SqliteErrors.translate(
          new IllegalStateException(e), source, "cannot back up to " + partial);
    }
    if (result != SQLITE_OK && result != SQLITE_DONE) {
      throw new StoreException(
          "cannot back up " + source + " to " + partial + ": SQLite result code " + result);
    }
  }

  static boolean isSameFile(Path a, Path b) {
    try {
      return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
    } catch (IOException e) {
      return false;
    }
  }

  private static StoreException alreadyExists(Path source, Path destination) {
    return new StoreException(
        "cannot back up " + source + ": " + destination + " already exists; it was left unchanged");
  }

  static void moveReplacing(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** A hard link fails atomically when the target exists: no check-then-act race. */
  private static void linkWithoutReplacing(Path from, Path to) throws IOException {
    try {
      Files.createLink(to, from);
      Files.delete(from);
    } catch (FileAlreadyExistsException e) {
      throw e;
    } catch (UnsupportedOperationException | FileSystemException e) {
      Files.move(from, to);
    }
  }

  /** Syncs a file or directory; some platforms cannot sync a directory, which is only logged. */
  static void force(Path path) {
    try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      LOG.debug("Could not sync {}", path, e);
    }
  }

  static void deleteQuietly(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      LOG.warn("Could not delete the partial file {}", path, e);
    }
  }
}
