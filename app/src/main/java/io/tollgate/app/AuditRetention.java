package io.tollgate.app;

import io.tollgate.core.port.out.AuditLog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code serve --audit-retention DURATION}: deletes audit entries older than DURATION, at start and
 * then hourly, on a background thread, in batches of {@value #BATCH} entries, each its own short
 * transaction, so it never holds the store's writer for long. A failure is logged and tried again
 * at the next run.
 */
final class AuditRetention implements AutoCloseable {
  static final int BATCH = 1_000;
  static final Duration PERIOD = Duration.ofHours(1);

  private static final Logger LOG = LoggerFactory.getLogger(AuditRetention.class);

  private final AuditLog auditLog;
  private final Duration retention;
  private final Clock clock;
  private ScheduledExecutorService executor;

  AuditRetention(AuditLog auditLog, Duration retention, Clock clock) {
    this.auditLog = auditLog;
    this.retention = retention;
    this.clock = clock;
  }

  /** Starts pruning: now, then every {@link #PERIOD}. */
  synchronized AuditRetention start() {
    executor =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "tollgate-audit-retention");
              thread.setDaemon(true);
              return thread;
            });
    executor.scheduleWithFixedDelay(this::pruneSafely, 0, PERIOD.toMillis(), TimeUnit.MILLISECONDS);
    return this;
  }

  private void pruneSafely() {
    try {
      long deleted = prune();
      if (deleted > 0) {
        LOG.info("pruned {} audit entries older than {}", deleted, retention);
      }
    } catch (RuntimeException e) {
      LOG.warn("could not prune the audit log ({}); trying again in an hour", e.getMessage());
    }
  }

  /** Deletes every entry older than the retention, batch by batch; returns how many. */
  long prune() {
    Instant cutoff = clock.instant().minus(retention);
    long total = 0;
    int deleted;
    do {
      if (Thread.currentThread().isInterrupted()) {
        break;
      }
      deleted = auditLog.pruneBefore(cutoff, BATCH);
      total += deleted;
    } while (deleted == BATCH);
    return total;
  }

  @Override
  public synchronized void close() {
    if (executor != null) {
      executor.shutdownNow();
      executor = null;
    }
  }
}
