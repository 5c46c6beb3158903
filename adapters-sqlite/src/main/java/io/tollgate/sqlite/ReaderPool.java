package io.tollgate.sqlite;

import io.tollgate.core.domain.StoreException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
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

  /** A read plain in JDBC, on a reader's connection. */
  @FunctionalInterface
  interface PlainRead<T> {
    T apply(Connection connection) throws SQLException;
  }

  /**
   * A reader's handle, and its DAO once a read needs it: attaching builds Jdbi's metadata of the
   * DAO, which a plain read (the health check's) does without. Used by one thread at a time.
   */
  private static final class Reader {
    private final Handle handle;
    private TokenDao tokens;

    Reader(Handle handle) {
      this.handle = handle;
    }

    Handle handle() {
      return handle;
    }

    TokenDao tokens() {
      if (tokens == null) {
        tokens = handle.attach(TokenDao.class);
      }
      return tokens;
    }
  }

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
    return withReader(reader -> read.apply(reader.tokens()));
  }

  /**
   * Runs {@code read} on a reader's connection, with no statement through Jdbi; a driver error is
   * thrown as {@link StoreSqlFailure}, for the caller to translate.
   */
  <T> T readPlain(PlainRead<T> read) {
    return withReader(
        reader -> {
          try {
            return read.apply(reader.handle().getConnection());
          } catch (SQLException e) {
            throw new StoreSqlFailure(e);
          }
        });
  }

  private <T> T withReader(Function<Reader, T> read) {
    acquire();
    Reader reader = null;
    try {
      reader = take();
      return read.apply(reader);
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
    return new Reader(jdbi.open());
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
