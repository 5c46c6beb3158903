package io.tollgate.http;

import io.tollgate.core.domain.failure.FailureEvent;
import io.tollgate.core.domain.failure.FailureQueue;
import io.tollgate.core.port.out.FailureSink;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one background thread that hands the {@link FailureQueue}'s ended windows to the {@link
 * FailureSink}, every {@code period}, and everything still waiting when stopped. A failing sink is
 * logged (at most once a minute) and the thread goes on; requests never wait for it.
 */
final class FailureDrainer {
  private static final Logger LOG = LoggerFactory.getLogger(FailureDrainer.class);

  private final FailureQueue queue;
  private final FailureSink sink;
  private final Duration period;
  private final RateLimitedLog sinkFailures =
      new RateLimitedLog(LOG, "could not record failed authentications in the audit ({})");
  private ScheduledExecutorService executor;

  FailureDrainer(FailureQueue queue, FailureSink sink, Duration period) {
    this.queue = queue;
    this.sink = sink;
    this.period = period;
  }

  synchronized void start() {
    if (executor != null) {
      return;
    }
    executor =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "tollgate-failure-audit");
              thread.setDaemon(true);
              return thread;
            });
    long millis = period.toMillis();
    executor.scheduleWithFixedDelay(
        () -> handOn(queue.drainEnded()), millis, millis, TimeUnit.MILLISECONDS);
  }

  /** Stops the thread and hands on everything still waiting. Idempotent. */
  synchronized void stop() {
    if (executor != null) {
      executor.shutdownNow();
      try {
        executor.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      executor = null;
    }
    handOn(queue.drainAll());
  }

  private void handOn(List<FailureEvent> events) {
    if (events.isEmpty()) {
      return;
    }
    try {
      sink.record(events);
    } catch (RuntimeException e) {
      sinkFailures.log(e.getClass().getSimpleName());
      LOG.debug("failure audit sink failed", e);
    }
  }
}
