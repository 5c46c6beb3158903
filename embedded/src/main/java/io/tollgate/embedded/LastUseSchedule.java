package io.tollgate.embedded;

import io.tollgate.core.service.TokenService;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Writes a {@link Tollgate}'s last uses to its store every interval on one daemon thread, and once
 * more when stopped. A failed write is reported once through {@link System.Logger} (no logging
 * library needed) and its uses stay pending for the next run.
 */
final class LastUseSchedule {

  private static final System.Logger LOG = System.getLogger(Tollgate.class.getName());

  private final TokenService tokens;
  private final ScheduledExecutorService executor;
  private boolean failing;

  private LastUseSchedule(TokenService tokens, Duration interval) {
    this.tokens = tokens;
    this.executor =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "tollgate-last-use");
              thread.setDaemon(true);
              return thread;
            });
    long millis = interval.toMillis();
    executor.scheduleWithFixedDelay(this::flush, millis, millis, TimeUnit.MILLISECONDS);
  }

  static LastUseSchedule start(TokenService tokens, Duration interval) {
    return new LastUseSchedule(tokens, interval);
  }

  private synchronized void flush() {
    try {
      tokens.flushLastUse();
      failing = false;
    } catch (RuntimeException e) {
      if (!failing) {
        LOG.log(
            Level.WARNING,
            "could not record when tokens were last used ({0}); trying again",
            e.getMessage());
      }
      failing = true;
    }
  }

  /** Stops the schedule and writes what is left; the store must still be open. */
  void stop() {
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    flush();
  }
}
