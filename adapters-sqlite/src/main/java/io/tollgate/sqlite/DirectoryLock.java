package io.tollgate.sqlite;

import io.tollgate.core.domain.StoreException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Exclusive ownership of a data directory: an OS lock on {@code <dir>/tollgate.lock}, which the OS
 * drops when the process dies, so a crash never leaves a stale lock.
 *
 * <p>POSIX record locks belong to the process, and closing <em>any</em> descriptor of the lock file
 * drops them. A second open in this process must therefore be refused before it opens the file;
 * {@link #HELD} remembers which lock files this process holds. It is the one piece of static state
 * in the adapter, and it mirrors per-process state of the operating system.
 */
final class DirectoryLock implements AutoCloseable {

  static final String FILE_NAME = "tollgate.lock";

  private static final Set<Object> HELD = ConcurrentHashMap.newKeySet();

  private final Path dir;
  private final Object key;
  private final FileChannel channel;
  private final FileLock lock;

  private DirectoryLock(Path dir, Object key, FileChannel channel, FileLock lock) {
    this.dir = dir;
    this.key = key;
    this.channel = channel;
    this.lock = lock;
  }

  /** Takes the directory or fails with a message naming it. */
  static DirectoryLock acquire(Path dir) {
    Path lockFile = dir.resolve(FILE_NAME);
    DataDirectory.createOwnerOnlyFile(lockFile, "lock file");
    Object key = identity(lockFile);
    if (!HELD.add(key)) {
      throw inUseByThisProcess(dir);
    }
    FileChannel channel = null;
    try {
      channel = FileChannel.open(lockFile, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock lock = channel.tryLock();
      if (lock == null) {
        String holder = readHolder(channel);
        channel.close();
        HELD.remove(key);
        throw new StoreException(
            "data directory "
                + dir
                + " is in use by another process"
                + holder
                + "; only one Tollgate may open a data directory at a time");
      }
      writeHolder(channel);
      return new DirectoryLock(dir, key, channel, lock);
    } catch (OverlappingFileLockException e) {
      // Locked through a channel this class did not open; leave that channel's lock alone.
      HELD.remove(key);
      throw inUseByThisProcess(dir);
    } catch (IOException e) {
      closeQuietly(channel);
      HELD.remove(key);
      throw new StoreException(
          "cannot lock data directory " + dir + ": " + DataDirectory.describe(e), e);
    }
  }

  Path directory() {
    return dir;
  }

  @Override
  public void close() {
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

  private static StoreException inUseByThisProcess(Path dir) {
    return new StoreException(
        "data directory "
            + dir
            + " is already open in this process; close the other store before opening it again");
  }

  private static Object identity(Path lockFile) {
    try {
      Object fileKey = Files.readAttributes(lockFile, BasicFileAttributes.class).fileKey();
      return fileKey != null ? fileKey : lockFile.toRealPath();
    } catch (IOException e) {
      throw new StoreException(
          "cannot read lock file " + lockFile + ": " + DataDirectory.describe(e), e);
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
