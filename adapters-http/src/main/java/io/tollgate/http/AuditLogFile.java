package io.tollgate.http;

import io.tollgate.core.domain.AuditEntry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code serve --audit-log FILE} (SPEC section 10): every audit entry also appended to a file as
 * one JSON line (the shape of {@code GET /api/v3/configure/token/audit}'s elements). The file is
 * opened with {@code O_APPEND}, created with mode 0600 if missing (an existing file is set to
 * 0600), and refused if it is a symbolic link. {@link #reopen()} (on SIGHUP) opens the path again,
 * so that logrotate can rename the file away. A failed write is counted ({@link #writeFailures()},
 * in {@code /metrics}) and logged at most once a minute; it never reaches the caller. Thread-safe.
 */
public final class AuditLogFile implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AuditLogFile.class);
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");

  private final Path path;
  private final LongAdder writeFailures = new LongAdder();
  private final RateLimitedLog failures =
      new RateLimitedLog(LOG, "cannot write the audit log file ({})");
  private FileChannel channel;

  private AuditLogFile(Path path, FileChannel channel) {
    this.path = path;
    this.channel = channel;
  }

  /**
   * Opens {@code path} for appending, creating it with mode 0600 if missing.
   *
   * @throws IllegalArgumentException with one line naming the file and why, if it is a symbolic
   *     link or cannot be opened for writing
   */
  public static AuditLogFile open(Path path) {
    Objects.requireNonNull(path, "path");
    try {
      return new AuditLogFile(path, openChannel(path));
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot open the audit log file " + path + ": " + reason(e), e);
    }
  }

  private static FileChannel openChannel(Path path) throws IOException {
    if (Files.isSymbolicLink(path)) {
      throw new IOException("it is a symbolic link");
    }
    FileChannel opened =
        FileChannel.open(
            path,
            Set.of(
                StandardOpenOption.CREATE,
                StandardOpenOption.WRITE,
                StandardOpenOption.APPEND,
                LinkOption.NOFOLLOW_LINKS),
            PosixFilePermissions.asFileAttribute(OWNER_ONLY));
    try {
      if (!Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS).equals(OWNER_ONLY)) {
        Files.setPosixFilePermissions(path, OWNER_ONLY);
      }
    } catch (IOException | RuntimeException e) {
      opened.close();
      throw e;
    }
    return opened;
  }

  private static String reason(IOException e) {
    if (e instanceof FileSystemException fs && fs.getReason() != null) {
      return fs.getReason();
    }
    String name = e.getClass().getSimpleName();
    return e.getMessage() == null
        ? name
        : e.getMessage().equals(e.toString()) ? name : e.getMessage();
  }

  /** Appends {@code entries}, one JSON line each, in one write; a failure is counted and logged. */
  public void append(List<AuditEntry> entries) {
    if (entries.isEmpty()) {
      return;
    }
    ByteBuffer bytes = ByteBuffer.wrap(AuditJson.lines(entries));
    synchronized (this) {
      try {
        if (channel == null) {
          throw new IOException("closed");
        }
        while (bytes.hasRemaining()) {
          channel.write(bytes);
        }
      } catch (IOException | RuntimeException e) {
        writeFailures.increment();
        failures.log(e instanceof IOException io ? reason(io) : e.getClass().getSimpleName());
      }
    }
  }

  /**
   * Opens the path again (after logrotate renamed the file); the old file is closed. If the path
   * cannot be opened, the failure is counted and logged and writing goes on to the old file.
   */
  public synchronized void reopen() {
    try {
      FileChannel reopened = openChannel(path);
      FileChannel old = channel;
      channel = reopened;
      if (old != null) {
        old.close();
      }
      LOG.info("reopened the audit log file {}", path);
    } catch (IOException | RuntimeException e) {
      writeFailures.increment();
      failures.log(
          "reopening: "
              + (e instanceof IOException io ? reason(io) : e.getClass().getSimpleName()));
    }
  }

  /** Writes and reopenings that failed since start. */
  public long writeFailures() {
    return writeFailures.sum();
  }

  /** The file's path, as configured. */
  public Path path() {
    return path;
  }

  @Override
  public synchronized void close() {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        LOG.debug("closing the audit log file failed", e);
      }
      channel = null;
    }
  }
}
