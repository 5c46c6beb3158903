package io.tollgate.sqlite;

import io.tollgate.core.domain.StoreException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Exclusive ownership of a data directory, held by two OS locks that the OS drops when the process
 * dies, so a crash never leaves a stale lock:
 *
 * <ol>
 *   <li>a lock on {@code <dir>/tollgate.lock}, which records the holder's pid for the error
 *       message;
 *   <li>a lock on one byte of {@code tollgate.db} itself, far beyond anything SQLite locks (SQLite
 *       locks bytes from 2^30 to 2^30 + 511). The database cannot be removed or replaced without
 *       losing the store, so this lock still keeps a second server out when the lock file was
 *       deleted or replaced while the first one ran.
 * </ol>
 *
 * <p>Both are POSIX record locks: they belong to the process, and closing <em>any</em> descriptor
 * of the file drops all of the process's locks on it, so a second open in this process is refused
 * before it opens either file ({@link #HELD} remembers which files this process holds; it is the
 * one piece of static state in the adapter and mirrors per-process state of the operating system).
 * The database lock is taken before SQLite opens the file, taken again once SQLite holds the file
 * for good ({@link #retakeDatabaseLock()}), and released after every SQLite connection closed
 * ({@link #close()} comes last).
 *
 * <p>Both files are opened without following links ({@code O_NOFOLLOW}).
 */
final class DirectoryLock implements AutoCloseable {

  static final String FILE_NAME = "tollgate.lock";

  /** The byte of the database file the owner locks: far from SQLite's own lock bytes. */
  static final long DATABASE_LOCK_POSITION = Long.MAX_VALUE / 2;

  private static final Set<Object> HELD = ConcurrentHashMap.newKeySet();

  private final Path dir;
  private final Held lockFile;
  private Held database;

  private DirectoryLock(Path dir, Held lockFile) {
    this.dir = dir;
    this.lockFile = lockFile;
  }

  /** One locked file: the key in {@link #HELD}, the channel kept open, the lock. */
  private record Held(Object key, FileChannel channel, FileLock lock) {
    void release() {
      try {
        if (lock.isValid()) {
          lock.release();
        }
      } catch (IOException ignored) {
        // Closing the channel below releases it as well.
      } finally {
        closeQuietly(channel);
        HELD.remove(key);
      }
    }
  }

  /**
   * Takes the directory for a store: the lock file, then the database, which is created (mode 0600)
   * when absent. Fails with a message naming the directory.
   *
   * @param dir the directory's real path, {@link DataDirectory#check checked}
   */
  static DirectoryLock acquire(Path dir) {
    DirectoryLock lock = acquireLockFile(dir);
    try {
      Path db = dir.resolve(SqliteStores.DATABASE_FILE_NAME);
      DataDirectory.createOwnerOnlyFile(db, "database");
      lock.database = lockDatabase(dir, db);
      return lock;
    } catch (RuntimeException e) {
      lock.close();
      throw e;
    }
  }

  /**
   * Takes the directory to replace its database: the lock file, then the database if there is one
   * (nothing is created besides the lock file).
   */
  static DirectoryLock acquireForReplacement(Path dir) {
    DirectoryLock lock = acquireLockFile(dir);
    try {
      Path db = dir.resolve(SqliteStores.DATABASE_FILE_NAME);
      if (Files.exists(db, LinkOption.NOFOLLOW_LINKS)) {
        lock.database = lockDatabase(dir, db);
      }
      return lock;
    } catch (RuntimeException e) {
      lock.close();
      throw e;
    }
  }

  private static DirectoryLock acquireLockFile(Path dir) {
    Path file = dir.resolve(FILE_NAME);
    DataDirectory.createOwnerOnlyFile(file, "lock file");
    Object key = claim(dir, file);
    FileChannel channel = null;
    try {
      channel = openWithoutFollowing(file);
      FileLock lock = channel.tryLock();
      if (lock == null) {
        throw inUseByAnotherProcess(dir, readHolder(channel));
      }
      writeHolder(channel);
      return new DirectoryLock(dir, new Held(key, channel, lock));
    } catch (OverlappingFileLockException e) {
      // Locked through a channel this class did not open; leave that channel's lock alone.
      HELD.remove(key);
      throw inUseByThisProcess(dir);
    } catch (IOException | RuntimeException e) {
      closeQuietly(channel);
      HELD.remove(key);
      throw e instanceof StoreException se ? se : cannotLock(dir, file, e);
    }
  }

  private static Held lockDatabase(Path dir, Path db) {
    Object key = claim(dir, db);
    FileChannel channel = null;
    try {
      channel = openWithoutFollowing(db);
      FileLock lock = channel.tryLock(DATABASE_LOCK_POSITION, 1, false);
      if (lock == null) {
        throw inUseByAnotherProcess(
            dir, " (its database is locked, though " + FILE_NAME + " was not)");
      }
      return new Held(key, channel, lock);
    } catch (OverlappingFileLockException e) {
      HELD.remove(key);
      throw inUseByThisProcess(dir);
    } catch (IOException | RuntimeException e) {
      // Closing is safe: this process holds no other lock on the file (HELD said so).
      closeQuietly(channel);
      HELD.remove(key);
      throw e instanceof StoreException se ? se : cannotLock(dir, db, e);
    }
  }

  /**
   * Takes the database lock again, once SQLite holds its own lock on the database for good. SQLite
   * drops every lock this process holds on the file whenever its last connection gives up its
   * shared lock ({@code F_UNLCK} over the whole file), which happens while a store opens, before
   * the database is in WAL mode. In WAL mode each connection keeps a shared lock for as long as it
   * is open, so from here on the lock stays until the store's last connection closes.
   *
   * <p>A second process that slipped in while the lock was gone (only possible if the lock file was
   * removed at that moment) holds the lock now, and this open is refused; or this one holds it, and
   * the other is refused when it takes the lock again. Either way at most one proceeds.
   */
  void retakeDatabaseLock() {
    Held old = database;
    try {
      old.lock().release();
      FileLock lock = old.channel().tryLock(DATABASE_LOCK_POSITION, 1, false);
      if (lock == null) {
        throw inUseByAnotherProcess(
            dir, " (its database is locked, though " + FILE_NAME + " was not)");
      }
      database = new Held(old.key(), old.channel(), lock);
    } catch (IOException | OverlappingFileLockException e) {
      throw cannotLock(dir, dir.resolve(SqliteStores.DATABASE_FILE_NAME), e);
    }
  }

  /** Records that this process is about to lock {@code file}, or refuses if it already does. */
  private static Object claim(Path dir, Path file) {
    Object key = identity(file);
    if (!HELD.add(key)) {
      throw inUseByThisProcess(dir);
    }
    return key;
  }

  private static FileChannel openWithoutFollowing(Path file) throws IOException {
    return FileChannel.open(
        file, StandardOpenOption.READ, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
  }

  Path directory() {
    return dir;
  }

  /** Releases the database first, then the lock file. Call after SQLite's connections closed. */
  @Override
  public void close() {
    try {
      if (database != null) {
        database.release();
      }
    } finally {
      lockFile.release();
    }
  }

  private static StoreException inUseByThisProcess(Path dir) {
    return new StoreException(
        "data directory "
            + dir
            + " is already open in this process; close the other store before opening it again");
  }

  private static StoreException inUseByAnotherProcess(Path dir, String holder) {
    return new StoreException(
        "data directory "
            + dir
            + " is in use by another process"
            + holder
            + "; only one Tollgate may open a data directory at a time");
  }

  private static StoreException cannotLock(Path dir, Path file, Exception e) {
    return new StoreException(
        "cannot lock data directory "
            + dir
            + ": cannot open "
            + file.getFileName()
            + " for writing: "
            + DataDirectory.describe(e),
        e);
  }

  private static Object identity(Path file) {
    try {
      Object fileKey =
          Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
              .fileKey();
      return fileKey != null ? fileKey : file.toRealPath();
    } catch (NoSuchFileException e) {
      throw new StoreException(file + " disappeared while it was being locked; start again", e);
    } catch (IOException e) {
      throw new StoreException("cannot read " + file + ": " + DataDirectory.describe(e), e);
    }
  }

  private static void writeHolder(FileChannel channel) throws IOException {
    byte[] pid = (ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII);
    channel.truncate(0);
    channel.write(ByteBuffer.wrap(pid), 0);
  }

  private static String readHolder(FileChannel channel) {
    try {
      ByteBuffer buffer = ByteBuffer.allocate(32);
      channel.read(buffer, 0);
      String pid =
          new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII).trim();
      return pid.matches("[0-9]{1,19}") ? " (pid " + pid + ")" : "";
    } catch (IOException e) {
      return "";
    }
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // Nothing left to release.
      }
    }
  }
}
