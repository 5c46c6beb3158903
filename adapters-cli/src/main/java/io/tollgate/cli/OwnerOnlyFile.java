package io.tollgate.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * A file the CLI writes for its user (a token file, a token listing): complete or not at all (a
 * temporary file in the same directory, synced, then renamed or linked into place), mode 0600 from
 * the moment it exists. Failures are {@link CliFailure}s naming the file.
 */
final class OwnerOnlyFile {

  private static final Set<PosixFilePermission> OWNER_ONLY = OfflineTokenFile.OWNER_ONLY;

  private OwnerOnlyFile() {}

  /** What to do when the target exists. */
  enum Existing {
    /** Refuse, suggesting {@code --force}. */
    REFUSE_UNLESS_FORCED,
    /** Replace it (the rename replaces a symbolic link itself, never what it points to). */
    REPLACE,
    /** Replace a regular file; refuse a symbolic link. */
    REPLACE_REGULAR_FILE
  }

  static void write(Path target, byte[] content, Existing existing) {
    boolean force = existing != Existing.REFUSE_UNLESS_FORCED;
    Path absolute = target.toAbsolutePath();
    Path dir = absolute.getParent();
    if (dir == null || !Files.isDirectory(dir)) {
      throw new CliFailure("cannot write " + target + ": directory " + dir + " does not exist");
    }
    if (!force && Files.exists(absolute, LinkOption.NOFOLLOW_LINKS)) {
      throw new CliFailure(
          target + " already exists; refusing to overwrite it (use --force to replace it)");
    }
    if (existing == Existing.REPLACE_REGULAR_FILE && Files.isSymbolicLink(absolute)) {
      throw new CliFailure(
          "cannot write " + target + ": it is a symbolic link; refusing to write through it");
    }
    if (Files.isDirectory(absolute)) {
      throw new CliFailure("cannot write " + target + ": it is a directory");
    }
    Path temp = null;
    try {
      temp = createOwnerOnlyTemp(dir);
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        ByteBuffer bytes = ByteBuffer.wrap(content);
        while (bytes.hasRemaining()) {
          channel.write(bytes);
        }
        channel.force(true);
      }
      if (force) {
        moveReplacing(temp, absolute);
      } else {
        linkWithoutReplacing(temp, absolute);
      }
      temp = null;
    } catch (FileAlreadyExistsException e) {
      throw new CliFailure(
          target + " already exists; refusing to overwrite it (use --force to replace it)");
    } catch (IOException e) {
      throw new CliFailure("cannot write " + target + ": " + reason(e));
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException ignored) {
          // best effort: a stray owner-only temporary file, seen only by the failed run
        }
      }
    }
  }

  private static Path createOwnerOnlyTemp(Path dir) throws IOException {
    try {
      FileAttribute<Set<PosixFilePermission>> ownerOnly =
          PosixFilePermissions.asFileAttribute(OWNER_ONLY);
      return Files.createTempFile(dir, ".tollgate-", ".tmp", ownerOnly);
    } catch (UnsupportedOperationException notPosix) {
      return Files.createTempFile(dir, ".tollgate-", ".tmp");
    }
  }

  private static void moveReplacing(Path temp, Path target) throws IOException {
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** A hard link fails atomically when the target exists, so no check-then-act race. */
  private static void linkWithoutReplacing(Path temp, Path target) throws IOException {
    try {
      Files.createLink(target, temp);
      Files.delete(temp);
    } catch (UnsupportedOperationException | FileSystemException e) {
      if (e instanceof FileAlreadyExistsException) {
        throw (FileAlreadyExistsException) e;
      }
      Files.move(temp, target);
    }
  }

  private static String reason(IOException e) {
    if (e instanceof FileSystemException && ((FileSystemException) e).getReason() != null) {
      return ((FileSystemException) e).getReason();
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
