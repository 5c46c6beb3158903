package io.tollgate.app;

import io.tollgate.sqlite.SqliteStores;
import java.util.Optional;

/**
 * For {@code tollgate serve}: a daemon thread that does the store's first-time work ({@link
 * SqliteStores#warmUp}) on the machine's other core while the main thread reads the command line,
 * starts logging and builds the injector, about half a second of mostly single-threaded work before
 * the store is opened. The main thread then finds the classes initialised and the native library
 * loaded, or waits for the thread to finish them. A failure is left for the store's own opening to
 * report; nothing else is started, and no other command pays for it.
 */
final class StartupWarmUp {

  static final String THREAD_NAME = "tollgate-warm-up";

  private StartupWarmUp() {}

  /** Starts the thread when {@code args} run {@code serve}; the thread, if started. */
  static Optional<Thread> startFor(String... args) {
    if (!serves(args)) {
      return Optional.empty();
    }
    Thread thread = new Thread(StartupWarmUp::run, THREAD_NAME);
    thread.setDaemon(true);
    thread.start();
    return Optional.of(thread);
  }

  static boolean serves(String... args) {
    return args.length > 0 && args[0].equals("serve");
  }

  private static void run() {
    try {
      SqliteStores.warmUp();
    } catch (RuntimeException e) {
      // the store's opening meets the same problem on the main thread, and reports it there
    }
  }
}
