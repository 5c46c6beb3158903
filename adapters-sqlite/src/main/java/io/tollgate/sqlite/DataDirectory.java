package io.tollgate.sqlite;

import io.tollgate.core.domain.StoreException;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data directory and the files in it: created owner-only (directory 0700, files 0600) where the
 * file system has POSIX permissions, with a warning when an existing one is open to others.
 */
final class DataDirectory {

  static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY =
      PosixFilePermissions.fromString("rwx------");
  static final Set<PosixFilePermission> OWNER_ONLY_FILE =
      PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> GROUP_OR_OTHERS =
      EnumSet.of(
          PosixFilePermission.GROUP_READ,
          PosixFilePermission.GROUP_WRITE,
          PosixFilePermission.GROUP_EXECUTE,
          PosixFilePermission.OTHERS_READ,
          PosixFilePermission.OTHERS_WRITE,
          PosixFilePermission.OTHERS_EXECUTE);
  private static final Logger LOG = LoggerFactory.getLogger(DataDirectory.class);

  private DataDirectory() {}

  /** Creates {@code dir} owner-only, or warns when the existing one is open to group or others. */
  static Path prepare(Path dir) {
    Path absolute = dir.toAbsolutePath().normalize();
    try {
      if (Files.isDirectory(absolute)) {
        warnIfOpenToOthers(absolute, "data directory");
        return absolute;
      }
      if (Files.exists(absolute, LinkOption.NOFOLLOW_LINKS)) {
        throw new StoreException("data directory " + absolute + " exists but is not a directory");
      }
      Path parent = absolute.getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      if (isPosix(parent == null ? absolute.getRoot() : parent)) {
        Files.createDirectory(absolute, asAttribute(OWNER_ONLY_DIRECTORY));
        // The umask may have narrowed the mode further; set it exactly.
        Files.setPosixFilePermissions(absolute, OWNER_ONLY_DIRECTORY);
      } else {
        Files.createDirectory(absolute);
      }
      return absolute;
    } catch (FileAlreadyExistsException raced) {
      return absolute;
    } catch (IOException | SecurityException e) {
      throw new StoreException("cannot create data directory " + absolute + ": " + describe(e), e);
    }
  }

  /**
   * Creates {@code file} empty with mode 0600 unless it exists; warns when it is open to others.
   */
  static void createOwnerOnlyFile(Path file, String what) {
    try {
      if (Files.exists(file)) {
        warnIfOpenToOthers(file, what);
        return;
      }
      if (isPosix(file.getParent())) {
        Files.createFile(file, asAttribute(OWNER_ONLY_FILE));
        Files.setPosixFilePermissions(file, OWNER_ONLY_FILE);
      } else {
        Files.createFile(file);
      }
    } catch (FileAlreadyExistsException raced) {
      // Created in between by someone else: the lock decides who owns it.
    } catch (IOException | SecurityException e) {
      throw new StoreException("cannot create " + what + " " + file + ": " + describe(e), e);
    }
  }

  /** True when {@code path} exists on a POSIX file system and group or others have any access. */
  static boolean isOpenToOthers(Path path) throws IOException {
    PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
    if (view == null) {
      return false;
    }
    Set<PosixFilePermission> permissions = view.readAttributes().permissions();
    return permissions.stream().anyMatch(GROUP_OR_OTHERS::contains);
  }

  private static void warnIfOpenToOthers(Path path, String what) throws IOException {
    if (isOpenToOthers(path)) {
      String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
      LOG.warn(
          "The {} {} is accessible by group or others ({}); restrict it to its owner, e.g. chmod"
              + " {} {}",
          what,
          path,
          mode,
          Files.isDirectory(path) ? "700" : "600",
          path);
    }
  }

  private static boolean isPosix(Path existing) {
    return existing != null
        && Files.getFileAttributeView(existing, PosixFileAttributeView.class) != null;
  }

  private static FileAttribute<Set<PosixFilePermission>> asAttribute(
      Set<PosixFilePermission> permissions) {
    return PosixFilePermissions.asFileAttribute(permissions);
  }

  static String describe(Exception e) {
    String message = e.getMessage();
    String kind = e.getClass().getSimpleName();
    return message == null ? kind : kind + " " + message;
  }
}
