package io.tollgate.http;

import io.tollgate.core.domain.failure.FailureEvent;
import io.tollgate.core.port.out.AuditLog;
import io.tollgate.core.port.out.FailureSink;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

/**
 * The failure audit's sink: each batch is written to the store's audit log (one transaction, {@link
 * AuditLog#record(List)}) when the server has one; the latest {@code capacity} events are also kept
 * in memory, and how many were recorded is counted ({@code
 * tollgate_audit_failures_recorded_total}). A batch the audit log refuses is neither kept nor
 * counted: the exception reaches the {@link FailureDrainer}, which logs it. Called from the
 * drainer's thread, never from a request. Thread-safe.
 */
final class FailureRing implements FailureSink {
  static final int DEFAULT_CAPACITY = 1_000;

  private final int capacity;
  private final ArrayDeque<FailureEvent> latest;
  private final LongAdder recorded = new LongAdder();

  private final Optional<AuditLog> auditLog;

  FailureRing(int capacity, Optional<AuditLog> auditLog) {
    this.capacity = capacity;
    this.auditLog = auditLog;
    this.latest = new ArrayDeque<>(capacity);
  }

  @Override
  public void record(List<FailureEvent> events) {
    auditLog.ifPresent(log -> log.record(events.stream().map(FailureEvent::toAuditEntry).toList()));
    synchronized (latest) {
      for (FailureEvent event : events) {
        if (latest.size() == capacity) {
          latest.pollFirst();
        }
        latest.addLast(event);
      }
    }
    recorded.add(events.size());
  }

  /** The latest events, oldest first. */
  List<FailureEvent> latest() {
    synchronized (latest) {
      return List.copyOf(latest);
    }
  }

  /** Events recorded since start. */
  long recorded() {
    return recorded.sum();
  }
}
