package io.tollgate.core.service;

import java.time.Instant;

/**
 * When one token last authenticated on this node, and how much of that the store already holds.
 * Authentication writes it through {@link #touch} without locking or allocating, and only when the
 * time moved by at least {@link #RESOLUTION_MILLIS}: a busy token's cache line is written once a
 * second, not on every request. The flush reads what changed through {@link #pending} and marks it
 * written through {@link #flushed}. Two uses racing may leave the earlier of their times, at most
 * one resolution step behind.
 */
class LastUse {

  /** Uses closer together than this are one use. */
  static final long RESOLUTION_MILLIS = 1_000;

  /** "Never used": far enough below any clock that subtracting it cannot overflow. */
  static final long NEVER = Long.MIN_VALUE / 4;

  private volatile long usedMillis;
  private long flushedMillis;

  LastUse(Instant stored) {
    usedMillis = millisOf(stored);
    flushedMillis = usedMillis;
  }

  /** A use at {@code nowMillis}. No lock, no allocation; a write only once per resolution step. */
  final void touch(long nowMillis) {
    if (nowMillis - usedMillis >= RESOLUTION_MILLIS) {
      usedMillis = nowMillis;
    }
  }

  /** The last use known here, or {@link #NEVER}. */
  final long usedMillis() {
    return usedMillis;
  }

  /** The last use the store does not hold yet, or {@link #NEVER} when it holds the latest. */
  final synchronized long pending() {
    long used = usedMillis;
    return used > flushedMillis ? used : NEVER;
  }

  /** The store now holds the use at {@code millis} (what {@link #pending} returned). */
  final synchronized void flushed(long millis) {
    flushedMillis = Math.max(flushedMillis, millis);
  }

  /**
   * The store says it holds {@code stored} (null: nothing), read back after a change: a later time
   * is taken as known and written, an earlier one changes nothing.
   */
  final synchronized void stored(Instant stored) {
    long millis = millisOf(stored);
    flushedMillis = Math.max(flushedMillis, millis);
    if (millis > usedMillis) {
      usedMillis = millis;
    }
  }

  /** Carries {@code earlier}'s times over into this one, for a token replaced in the index. */
  final synchronized void carryOver(LastUse earlier) {
    long earlierUsed = earlier.usedMillis;
    if (earlierUsed > usedMillis) {
      usedMillis = earlierUsed;
    }
    synchronized (earlier) {
      flushedMillis = Math.max(flushedMillis, earlier.flushedMillis);
    }
  }

  static long millisOf(Instant instant) {
    return instant == null ? NEVER : instant.toEpochMilli();
  }
}
