package io.tollgate.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.core.domain.Actor;
import io.tollgate.core.domain.failure.FailureAction;
import io.tollgate.core.domain.failure.FailureEvent;
import io.tollgate.core.domain.failure.FailureQueue;
import io.tollgate.core.testing.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The failure audit's background thread: ended windows go on, the rest at stop; sinks may fail. */
class FailureDrainerTest {
  private final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
  private final FailureQueue queue = new FailureQueue(100, clock);

  private void refuse(String address) {
    queue.offer(
        FailureAction.AUTH_FAILED, address, "0123456789abcdef", Actor.UNAUTHENTICATED, "GET", "/");
  }

  @Test
  void endedWindows_reachTheSink_andStop_handsOnWhatStillWaits() throws Exception {
    List<FailureEvent> sunk = new CopyOnWriteArrayList<>();
    FailureDrainer drainer = new FailureDrainer(queue, sunk::addAll, Duration.ofMillis(10));
    drainer.start();
    refuse("10.0.0.1");
    clock.advance(FailureQueue.WINDOW);
    refuse("10.0.0.2"); // a window still open

    awaitSize(sunk, 1);
    drainer.stop();

    assertThat(sunk)
        .extracting(FailureEvent::clientAddress)
        .containsExactly("10.0.0.1", "10.0.0.2");
  }

  @Test
  void aFailingSink_doesNotStopTheThread() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    FailureDrainer drainer =
        new FailureDrainer(
            queue,
            events -> {
              calls.incrementAndGet();
              throw new IllegalStateException("disk full");
            },
            Duration.ofMillis(10));
    drainer.start();
    try {
      refuse("10.0.0.1");
      clock.advance(FailureQueue.WINDOW);
      awaitCalls(calls, 1);
      refuse("10.0.0.2");
      clock.advance(FailureQueue.WINDOW);

      awaitCalls(calls, 2);
    } finally {
      drainer.stop();
    }
    assertThat(calls.get()).isEqualTo(2);
  }

  private static void awaitSize(List<?> list, int size) throws InterruptedException {
    for (int i = 0; i < 500 && list.size() < size; i++) {
      Thread.sleep(10);
    }
    assertThat(list).hasSizeGreaterThanOrEqualTo(size);
  }

  private static void awaitCalls(AtomicInteger calls, int n) throws InterruptedException {
    for (int i = 0; i < 500 && calls.get() < n; i++) {
      Thread.sleep(10);
    }
    assertThat(calls.get()).isGreaterThanOrEqualTo(n);
  }
}
