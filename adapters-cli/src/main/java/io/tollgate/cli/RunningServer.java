package io.tollgate.cli;

/** A started server. The CLI waits on it, then closes it; {@link #close()} must be idempotent. */
public interface RunningServer extends AutoCloseable {

  /** Blocks until the server has been asked to stop (SIGTERM, SIGINT or {@link #close()}). */
  void awaitShutdown() throws InterruptedException;

  /** Stops accepting, lets in-flight requests finish, closes the store. Safe to call twice. */
  @Override
  void close();
}
