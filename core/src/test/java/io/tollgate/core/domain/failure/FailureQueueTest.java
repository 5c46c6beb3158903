package io.tollgate.core.domain.failure;

import static io.tollgate.core.domain.failure.FailureAction.AUTHZ_DENIED;
import static io.tollgate.core.domain.failure.FailureAction.AUTH_FAILED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.core.domain.Actor;
import io.tollgate.core.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * SPEC section 10: refusals coalesce to one event per address, fingerprint and action per 10 s,
 * with a count; a full queue drops and counts; nothing waits.
 */
class FailureQueueTest {
  private static final String FP1 = "0123456789abcdef";
  private static final String FP2 = "fedcba9876543210";
  private static final String A = "198.51.100.7";
  private static final String B = "203.0.113.9";

  private final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
  private final FailureQueue queue = new FailureQueue(100, clock);

  private boolean failed(String address, String fp) {
    return queue.offer(
        AUTH_FAILED, address, fp, Actor.UNAUTHENTICATED, "GET", "/api/v3/configure/token");
  }

  @Test
  void sameAddressFingerprintAndAction_withinAWindow_becomeOneEventWithACount() {
    failed(A, FP1);
    clock.advance(Duration.ofSeconds(3));
    failed(A, FP1);
    clock.advance(Duration.ofSeconds(6));
    failed(A, FP1);
    clock.advance(Duration.ofSeconds(1)); // 00:00:10: the window has ended

    List<FailureEvent> events = queue.drainEnded();

    assertThat(events)
        .containsExactly(
            new FailureEvent(
                Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2026-01-01T00:00:09Z"),
                AUTH_FAILED,
                Actor.UNAUTHENTICATED,
                A,
                FP1,
                "GET",
                "/api/v3/configure/token",
                3));
    assertThat(queue.waiting()).isZero();
    assertThat(queue.drainEnded()).isEmpty();
  }

  @Test
  void differentAddressFingerprintOrAction_areSeparateEvents() {
    failed(A, FP1);
    failed(A, FP2);
    failed(B, FP1);
    queue.offer(AUTHZ_DENIED, A, FP1, Actor.UNAUTHENTICATED, "POST", "/x");
    clock.advance(FailureQueue.WINDOW);

    assertThat(queue.drainEnded()).hasSize(4).allSatisfy(e -> assertThat(e.count()).isOne());
  }

  @Test
  void windowsAreAlignedTenSecondSlices_aRefusalAcrossTheBoundaryStartsANewEvent() {
    clock.set(Instant.parse("2026-01-01T00:00:09.999Z"));
    failed(A, FP1);
    clock.set(Instant.parse("2026-01-01T00:00:10.000Z"));
    failed(A, FP1);

    assertThat(queue.drainEnded()).singleElement().satisfies(e -> assertThat(e.count()).isOne());
    assertThat(queue.waiting()).isOne(); // the 00:00:10 window is still open
    clock.set(Instant.parse("2026-01-01T00:00:19.999Z"));
    assertThat(queue.drainEnded()).isEmpty();
    clock.set(Instant.parse("2026-01-01T00:00:20Z"));
    assertThat(queue.drainEnded())
        .singleElement()
        .satisfies(e -> assertThat(e.firstAt()).isEqualTo("2026-01-01T00:00:10Z"));
  }

  @Test
  void drainAll_handsOnOpenWindowsToo_forShutdown() {
    failed(A, FP1);
    failed(B, FP1);

    assertThat(queue.drainAll()).hasSize(2);
    assertThat(queue.waiting()).isZero();
  }

  @Test
  void aFullQueue_dropsAndCountsNewEvents_butStillCountsIntoWaitingOnes() {
    FailureQueue small = new FailureQueue(2, clock);
    small.offer(AUTH_FAILED, "10.0.0.1", FP1, Actor.UNAUTHENTICATED, "GET", "/");
    small.offer(AUTH_FAILED, "10.0.0.2", FP1, Actor.UNAUTHENTICATED, "GET", "/");

    boolean third = small.offer(AUTH_FAILED, "10.0.0.3", FP1, Actor.UNAUTHENTICATED, "GET", "/");
    boolean fourth = small.offer(AUTH_FAILED, "10.0.0.4", FP1, Actor.UNAUTHENTICATED, "GET", "/");
    boolean again = small.offer(AUTH_FAILED, "10.0.0.1", FP1, Actor.UNAUTHENTICATED, "GET", "/");

    assertThat(third).isFalse();
    assertThat(fourth).isFalse();
    assertThat(again).isTrue();
    assertThat(small.dropped()).isEqualTo(2);
    assertThat(small.waiting()).isEqualTo(2);
    clock.advance(FailureQueue.WINDOW);
    assertThat(small.drainEnded())
        .extracting(FailureEvent::count)
        .containsExactlyInAnyOrder(2L, 1L);
    assertThat(small.offer(AUTH_FAILED, "10.0.0.3", FP1, Actor.UNAUTHENTICATED, "GET", "/"))
        .as("room again once drained")
        .isTrue();
  }

  @Test
  void concurrentOffersAndDrains_loseNoCount() throws Exception {
    int threads = 4;
    int perThread = 5_000;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    try {
      for (int t = 0; t < threads; t++) {
        pool.submit(
            () -> {
              start.await();
              for (int i = 0; i < perThread; i++) {
                failed(A, FP1);
              }
              return null;
            });
      }
      List<FailureEvent> drained = new ArrayList<>();
      start.countDown();
      pool.shutdown();
      while (!pool.awaitTermination(1, TimeUnit.MILLISECONDS)) {
        drained.addAll(queue.drainAll());
      }
      drained.addAll(queue.drainAll());

      assertThat(drained.stream().mapToLong(FailureEvent::count).sum())
          .isEqualTo((long) threads * perThread);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void longPaths_areCut() {
    queue.offer(AUTH_FAILED, A, FP1, Actor.UNAUTHENTICATED, "GET", "/" + "a".repeat(5000));

    assertThat(queue.drainAll().get(0).path()).hasSize(FailureQueue.MAX_PATH_LENGTH);
  }

  @Test
  void events_holdOnlyAFingerprint_neverAnythingElseInItsPlace() {
    assertThatThrownBy(
            () ->
                queue.offer(
                    AUTH_FAILED, A, "apiv3_secret-token", Actor.UNAUTHENTICATED, "GET", "/"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
