package io.tollgate.core.service;

import io.tollgate.core.domain.TooManyAttemptsException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;

/** Allows at most {@code limit} attempts in any sliding {@code window}. Callers synchronise. */
final class AttemptLimiter {

  private final int limit;
  private final Duration window;
  private final Clock clock;
  private final ArrayDeque<Long> attempts = new ArrayDeque<>();

  AttemptLimiter(int limit, Duration window, Clock clock) {
    this.limit = limit;
    this.window = window;
    this.clock = clock;
  }

  /** Counts one attempt, or throws without counting when the window is full. */
  void acquire() {
    long now = clock.millis();
    long windowStart = now - window.toMillis();
    while (!attempts.isEmpty() && attempts.peekFirst() <= windowStart) {
      attempts.pollFirst();
    }
    if (attempts.size() >= limit) {
      long retryAfterMillis = attempts.peekFirst() - windowStart;
      throw new TooManyAttemptsException(Duration.ofMillis(Math.max(1000, retryAfterMillis)));
    }
    attempts.addLast(now);
  }
}
