package io.tollgate.app;

import io.tollgate.cli.CliEnvironment;
import io.tollgate.cli.TollgateCli;

/**
 * The {@code tollgate} executable: the CLI, with {@code serve} wired to the real server. Logging is
 * not touched here: CLI commands log nothing, so logback starts only when something logs (the
 * server), at WARN (see {@link LogbackSetup}) until {@code serve} sets its level.
 */
public final class Main {

  private static final String HTTP_CLIENT_SELECTOR = "HttpClient-";
  private static final String SELECTOR_SUFFIX = "-SelectorManager";

  private Main() {}

  public static void main(String[] args) {
    int exitCode =
        TollgateCli.execute(
            CliEnvironment.system(), new TollgateServerLauncher(), new SqliteLocalStores(), args);
    stopHttpClientSelectors();
    System.exit(exitCode);
  }

  /**
   * The JDK's HttpClient (the CLI's) leaves a selector thread blocked in native code, and on exit
   * the JVM waits up to 300 ms for threads in native code to return: a third of a second added to
   * every CLI call that talked to a server. The selector loop ends when its thread is interrupted;
   * the command is over by now, so end it and give it a moment to finish.
   */
  private static void stopHttpClientSelectors() {
    ThreadGroup group = Thread.currentThread().getThreadGroup();
    Thread[] threads = new Thread[group.activeCount() + 8];
    int count = group.enumerate(threads);
    for (int i = 0; i < count; i++) {
      Thread thread = threads[i];
      String name = thread.getName();
      if (name.startsWith(HTTP_CLIENT_SELECTOR) && name.endsWith(SELECTOR_SUFFIX)) {
        thread.interrupt();
        try {
          thread.join(100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }
}
