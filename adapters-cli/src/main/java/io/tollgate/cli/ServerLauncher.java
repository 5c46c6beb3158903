package io.tollgate.cli;

/**
 * Starts the Tollgate server for {@code tollgate serve}. Implemented by the composition root
 * ({@code app}): open the store under {@link ServeOptions#dataDir()}, start the HTTP listener (and
 * the recovery listener when asked), log the ready line, and arrange for SIGTERM/SIGINT to make
 * {@link RunningServer#awaitShutdown()} return.
 */
@FunctionalInterface
public interface ServerLauncher {

  /**
   * Starts the server and returns once it accepts requests. Throws a {@link
   * io.tollgate.core.domain.TollgateException} (or any runtime exception) when it cannot start; the
   * CLI reports its message on one line and exits 1.
   */
  RunningServer start(ServeOptions options);
}
