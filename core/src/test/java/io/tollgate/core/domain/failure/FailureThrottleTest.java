package io.tollgate.core.domain.failure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.core.domain.AuthenticationThrottledException;
import io.tollgate.core.testing.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * SPEC section 10: more than N failures of one address within its window → refused until it ends.
 */
class FailureThrottleTest {
  private static final String A = "198.51.100.7";
  private static final String B = "203.0.113.9";

  private final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");

  private FailureThrottle throttle(String limit) {
    return new FailureThrottle(FailureLimit.parse(limit), clock);
  }

  private static void fail(FailureThrottle throttle, String address, int times) {
    for (int i = 0; i < times; i++) {
      throttle.requireAllowed(address);
      throttle.recordFailure(address);
    }
  }

  @Test
  void nFailures_andOneMore_areAllowed_thenTheAddressIsRefused() {
    FailureThrottle throttle = throttle("3/1m");

    fail(throttle, A, 4); // three tolerated, the fourth is "more than 3"

    assertThatThrownBy(() -> throttle.requireAllowed(A))
        .isInstanceOf(AuthenticationThrottledException.class)
        .hasMessage("too many failed authentication attempts");
    assertThat(throttle.failures()).isEqualTo(4);
    assertThat(throttle.refusals()).isEqualTo(1);
  }

  @Test
  void exactlyNFailures_doNotThrottle() {
    FailureThrottle throttle = throttle("3/1m");

    fail(throttle, A, 3);

    throttle.requireAllowed(A);
    assertThat(throttle.secondsToWait(A)).isZero();
  }

  @Test
  void retryAfter_isTheRestOfTheWindow_countedFromTheFirstFailure_roundedUp() {
    FailureThrottle throttle = throttle("2/1m");
    fail(throttle, A, 1);
    clock.advance(Duration.ofMillis(20_500));
    fail(throttle, A, 2);

    assertThat(throttle.secondsToWait(A)).isEqualTo(40); // 39.5 s left
    assertThatThrownBy(() -> throttle.requireAllowed(A))
        .isInstanceOfSatisfying(
            AuthenticationThrottledException.class,
            e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(40)));
  }

  @Test
  void throttledAddress_recoversWhenTheWindowIsOver_andStartsAFreshWindow() {
    FailureThrottle throttle = throttle("2/1m");
    fail(throttle, A, 3);
    clock.advance(Duration.ofSeconds(59));
    assertThat(throttle.secondsToWait(A)).isEqualTo(1);

    clock.advance(Duration.ofSeconds(1));

    throttle.requireAllowed(A);
    fail(throttle, A, 2); // a new window: two failures tolerated again
    throttle.requireAllowed(A);
    fail(throttle, A, 1);
    assertThat(throttle.secondsToWait(A)).isEqualTo(60);
  }

  @Test
  void refusals_doNotExtendTheWindow() {
    FailureThrottle throttle = throttle("1/10s");
    fail(throttle, A, 2);

    for (int i = 0; i < 9; i++) {
      clock.advance(Duration.ofSeconds(1));
      assertThatThrownBy(() -> throttle.requireAllowed(A))
          .isInstanceOf(AuthenticationThrottledException.class);
    }
    clock.advance(Duration.ofSeconds(1));

    throttle.requireAllowed(A);
  }

  @Test
  void oneAddressThrottled_anotherIsNot() {
    FailureThrottle throttle = throttle("2/1m");

    fail(throttle, A, 3);
    fail(throttle, B, 2);

    assertThatThrownBy(() -> throttle.requireAllowed(A))
        .isInstanceOf(AuthenticationThrottledException.class);
    throttle.requireAllowed(B);
  }

  @Test
  void zero_turnsTheThrottleOff_butFailuresAreStillCounted() {
    FailureThrottle throttle = throttle("0");

    fail(throttle, A, 1000);

    throttle.requireAllowed(A);
    assertThat(throttle.trackedAddresses()).isZero();
    assertThat(throttle.failures()).isEqualTo(1000);
  }

  @Test
  void beyondTheBound_theAddressWhoseWindowStartedFirstIsForgotten() {
    FailureThrottle throttle = new FailureThrottle(FailureLimit.parse("1/1h"), 3, clock);
    for (String address : new String[] {"10.0.0.1", "10.0.0.2", "10.0.0.3"}) {
      fail(throttle, address, 2);
      clock.advance(Duration.ofSeconds(1));
    }
    assertThat(throttle.secondsToWait("10.0.0.1")).isPositive();

    throttle.recordFailure("10.0.0.4");

    assertThat(throttle.trackedAddresses()).isEqualTo(3);
    assertThat(throttle.secondsToWait("10.0.0.1")).isZero(); // evicted: forgotten
    assertThat(throttle.secondsToWait("10.0.0.2")).isPositive();
    assertThat(throttle.secondsToWait("10.0.0.3")).isPositive();
  }

  @Test
  void endedWindows_areForgottenAsNewFailuresArrive() {
    FailureThrottle throttle = throttle("5/10s");
    for (int i = 0; i < 100; i++) {
      throttle.recordFailure("10.0.1." + i);
    }
    clock.advance(Duration.ofSeconds(10));

    throttle.recordFailure(A);

    assertThat(throttle.trackedAddresses()).isEqualTo(1);
  }

  @Test
  void defaultBound_isOneHundredThousandAddresses() {
    assertThat(FailureThrottle.DEFAULT_MAX_ADDRESSES).isEqualTo(100_000);
  }
}
