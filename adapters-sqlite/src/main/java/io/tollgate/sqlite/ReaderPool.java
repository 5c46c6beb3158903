package io.tollgate.sqlite;

import io.tollgate.core.domain.StoreException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Semaphore;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * A few read connections, opened when first needed and kept. In WAL mode a reader sees the last
 * committed state and neither waits for nor blocks the writer.
 */
final class ReaderPool implements AutoCloseable {

  private record Reader(Handle handle, TokenDao tokens) {}

  private final Jdbi jdbi;
  private final Path databaseFile;
  private final Semaphore permits;
  private final Deque<Reader> idle = new ArrayDeque<>();
  private boolean closed;

  ReaderPool(Jdbi jdbi, Path databaseFile, int size) {
    this.jdbi = jdbi;
    this.databaseFile = databaseFile;
    this.permits = new Semaphore(size, true);
  }

  /** Runs {@code read} on a reader's DAO; driver errors are left for the caller to translate. */
  <T> T read(Function<TokenDao, T> read) {
    acquire();
    Reader reader = null;
    try {
      reader = take();
      return read.apply(reader.tokens());
    } finally {
      giveBack(reader);
      permits.release();
    }
  }

  @Override
  public void close() {
    synchronized (this) {
      closed = true;
      while (!idle.isEmpty()) {
        idle.pop().handle().close();
      }
    }
  }

  private void acquire() {
    try {
      permits.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException(
          "interrupted while reading the token store",
          "interrupted while waiting to read " + databaseFile,
          e);
    }
  }

  private Reader take() {
    synchronized (this) {
      if (closed) {
        throw closedError(databaseFile);
      }
      Reader reader = idle.poll();
      if (reader != null) {
        return reader;
      }
    }
    Handle handle = jdbi.open();
    return new Reader(handle, handle.attach(TokenDao.class));
  }

  private void giveBack(Reader reader) {
    if (reader == null) {
      return;
    }
    synchronized (this) {
      if (!closed) {
        idle.push(reader);
        return;
      }
    }
    reader.handle().close();
  }

  static StoreException closedError(Path databaseFile) {
    return new StoreException(
        "the token store is closed", "the token store " + databaseFile + " is closed", null);
  }
}
