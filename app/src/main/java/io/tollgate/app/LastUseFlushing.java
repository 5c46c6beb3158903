package io.tollgate.app;

import io.tollgate.core.service.TokenService;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code serve --last-used-interval DURATION}: writes the tokens' last uses to the store every
 * DURATION on a background thread, each time in one batch, and once more on {@link #close()}. A
 * failed write is logged once and its uses stay pending for the next run, so a crash loses at most
 * one interval of last-use times.
 */
final class LastUseFlushing implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LastUseFlushing.class);

  private final TokenService tokens;
  private final Duration interval;
  private ScheduledExecutorService executor;
  private boolean failing;

  LastUseFlushing(TokenService tokens, Duration interval) {
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("the last-use interval must be longer than zero");
    }
    this.tokens = tokens;
    this.interval = interval;
  }

  /** Starts writing every interval, the first one an interval from now. */
  synchronized LastUseFlushing start() {
    executor =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "tollgate-last-use");
              thread.setDaemon(true);
              return thread;
            });
    long millis = interval.toMillis();
    executor.scheduleWithFixedDelay(this::flushSafely, millis, millis, TimeUnit.MILLISECONDS);
    return this;
  }

  /** One write of what changed; a failure is logged (once until a write succeeds again). */
  void flushSafely() {
    try {
      int written = tokens.flushLastUse();
      if (failing) {
        LOG.info("recorded the last use of {} tokens again after a failure", written);
      }
      failing = false;
    } catch (RuntimeException e) {
      if (!failing) {
        LOG.warn(
            "could not record when tokens were last used ({}); trying again every {}",
            e.getMessage(),
            interval);
      }
      failing = true;
    }
  }

  /** Stops the schedule, then writes what is left: call it after the HTTP server stopped. */
  @Override
  public synchronized void close() {
    if (executor == null) {
      return;
    }
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    executor = null;
    flushSafely();
  }
}
