package io.tollgate.http;

import io.tollgate.core.domain.failure.FailureEvent;
import io.tollgate.core.port.out.FailureSink;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * The failure audit's sink until the store takes it: the latest {@code capacity} events in memory,
 * and how many were recorded ({@code tollgate_audit_failures_recorded_total}). Nothing is
 * persisted. Thread-safe.
 */
final class FailureRing implements FailureSink {
  static final int DEFAULT_CAPACITY = 1_000;

  private final int capacity;
  private final ArrayDeque<FailureEvent> latest;
  private final LongAdder recorded = new LongAdder();

  FailureRing(int capacity) {
    this.capacity = capacity;
    this.latest = new ArrayDeque<>(capacity);
  }

  @Override
  public void record(List<FailureEvent> events) {
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
