package io.tollgate.sqlite;

import io.tollgate.core.domain.StoreException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data directory and the files in it. A directory Tollgate creates is owner-only (0700, files
 * 0600). An existing one must belong to the user running Tollgate and must not be writable by group
 * or others, and none of the files Tollgate or SQLite open in it may be a symbolic link or anything
 * but a regular file; otherwise it is refused with one line saying how to fix it. Together these
 * make the checks hold until the files are opened: only the owner can add, remove or replace an
 * entry in such a directory. Read access for others is only warned about.
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

  /**
   * Every file Tollgate opens or creates in a data directory, SQLite's included: the lock, the
   * database and the journal, write-ahead log and shared-memory index SQLite keeps next to it.
   */
  static final List<String> STORE_FILES =
      List.of(
          DirectoryLock.FILE_NAME,
          SqliteStores.DATABASE_FILE_NAME,
          SqliteStores.DATABASE_FILE_NAME + "-wal",
          SqliteStores.DATABASE_FILE_NAME + "-shm",
          SqliteStores.DATABASE_FILE_NAME + "-journal");

  private static final Logger LOG = LoggerFactory.getLogger(DataDirectory.class);

  private DataDirectory() {}

  /**
   * Deletes the {@link #STORE_FILES} in {@code dir} (a link is deleted, not its target), then
   * {@code dir} itself when asked and empty; a directory that holds anything else is kept.
   */
  static void discard(Path dir, boolean directoryToo) {
    try {
      for (String name : STORE_FILES) {
        Files.deleteIfExists(dir.resolve(name));
      }
      if (directoryToo) {
        Files.deleteIfExists(dir);
      }
    } catch (DirectoryNotEmptyException e) {
      LOG.debug("kept {}: it holds files Tollgate did not create", dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove the new store in " + dir, e);
    }
  }

  /**
   * Creates {@code dir} owner-only when absent, then {@link #check checks} it.
   *
   * @return its real path (no symbolic link left in it), which every later step uses
   */
  static Path prepare(Path dir) {
    return prepare(dir, FileOwners.SYSTEM);
  }

  static Path prepare(Path dir, FileOwners owners) {
    Path absolute = dir.toAbsolutePath().normalize();
    try {
      if (!Files.isDirectory(absolute)) {
        create(absolute);
      }
      Path real = absolute.toRealPath();
      check(real, owners);
      warnIfOpenToOthers(real, "data directory");
      return real;
    } catch (IOException | SecurityException e) {
      throw new StoreException("cannot create data directory " + absolute + ": " + describe(e), e);
    }
  }

  private static void create(Path absolute) throws IOException {
    if (Files.exists(absolute, LinkOption.NOFOLLOW_LINKS)) {
      throw new StoreException("data directory " + absolute + " exists but is not a directory");
    }
    Path parent = absolute.getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    try {
      if (isPosix(parent == null ? absolute.getRoot() : parent)) {
        Files.createDirectory(absolute, asAttribute(OWNER_ONLY_DIRECTORY));
        // The umask may have narrowed the mode further; set it exactly.
        Files.setPosixFilePermissions(absolute, OWNER_ONLY_DIRECTORY);
      } else {
        Files.createDirectory(absolute);
      }
    } catch (FileAlreadyExistsException raced) {
      // Created in between: checked like any existing directory.
    }
  }

  /**
   * Refuses a data directory that is not safe to open files in: owned by another user, writable by
   * group or others, or holding a store file that is a symbolic link or not a regular file.
   *
   * @param dir the directory's real path
   */
  static void check(Path dir, FileOwners owners) {
    try {
      PosixFileAttributeView view =
          Files.getFileAttributeView(dir, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
      if (view != null) {
        requireOwnedByCurrentUser(dir, owners);
        requireNotWritableByOthers(dir, view.readAttributes().permissions());
      }
      for (String name : STORE_FILES) {
        requireRegularFileOrAbsent(dir.resolve(name));
      }
    } catch (IOException e) {
      throw new StoreException("cannot check data directory " + dir + ": " + describe(e), e);
    }
  }

  private static void requireOwnedByCurrentUser(Path dir, FileOwners owners) throws IOException {
    FileOwners.Owner owner = owners.ownerOf(dir);
    FileOwners.Owner me = owners.currentUser();
    if (owner != null && me != null && owner.uid() != me.uid()) {
      throw new StoreException(
          "data directory "
              + dir
              + " belongs to "
              + owner
              + ", not to "
              + me
              + " who runs Tollgate; run Tollgate as "
              + owner
              + ", or choose a directory of your own with --data-dir");
    }
  }

  private static void requireNotWritableByOthers(Path dir, Set<PosixFilePermission> permissions) {
    boolean others = permissions.contains(PosixFilePermission.OTHERS_WRITE);
    if (others || permissions.contains(PosixFilePermission.GROUP_WRITE)) {
      throw new StoreException(
          "data directory "
              + dir
              + " is writable by "
              + (others ? "others" : "its group")
              + " ("
              + PosixFilePermissions.toString(permissions)
              + "); run chmod 700 "
              + dir);
    }
  }

  /** Refuses {@code file} if it exists as anything but a regular file: a link is not followed. */
  static void requireRegularFileOrAbsent(Path file) throws IOException {
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException absent) {
      return;
    }
    if (attributes.isSymbolicLink()) {
      throw new StoreException(
          file
              + " is a symbolic link; Tollgate never follows links in its data directory: remove"
              + " it (rm "
              + file
              + ") and start again");
    }
    if (!attributes.isRegularFile()) {
      throw new StoreException(
          file + " is not a regular file; move it out of the data directory and start again");
    }
  }

  /**
   * Creates {@code file} empty with mode 0600 unless it exists; an existing one must be a regular
   * file (a link, even one pointing nowhere, is refused) and is warned about when open to others.
   */
  static void createOwnerOnlyFile(Path file, String what) {
    try {
      if (isPosix(file.getParent())) {
        // O_CREAT|O_EXCL: never follows a link, and fails when anything is there already.
        Files.createFile(file, asAttribute(OWNER_ONLY_FILE));
        Files.getFileAttributeView(file, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
            .setPermissions(OWNER_ONLY_FILE);
      } else {
        Files.createFile(file);
      }
    } catch (FileAlreadyExistsException exists) {
      try {
        requireRegularFileOrAbsent(file);
        warnIfOpenToOthers(file, what);
      } catch (IOException e) {
        throw new StoreException("cannot check " + what + " " + file + ": " + describe(e), e);
      }
    } catch (IOException | SecurityException e) {
      throw new StoreException("cannot create " + what + " " + file + ": " + describe(e), e);
    }
  }

  /** True when {@code path} exists on a POSIX file system and group or others have any access. */
  static boolean isOpenToOthers(Path path) throws IOException {
    PosixFileAttributeView view =
        Files.getFileAttributeView(path, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
    if (view == null) {
      return false;
    }
    Set<PosixFilePermission> permissions = view.readAttributes().permissions();
    return permissions.stream().anyMatch(GROUP_OR_OTHERS::contains);
  }

  private static void warnIfOpenToOthers(Path path, String what) throws IOException {
    if (isOpenToOthers(path)) {
      String mode =
          PosixFilePermissions.toString(
              Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
      LOG.warn(
          "The {} {} is accessible by group or others ({}); restrict it to its owner, e.g. chmod"
              + " {} {}",
          what,
          path,
          mode,
          Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS) ? "700" : "600",
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
