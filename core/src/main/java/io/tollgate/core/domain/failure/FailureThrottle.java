package io.tollgate.core.domain.failure;

import io.tollgate.core.domain.AuthenticationThrottledException;
import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * SPEC section 10's throttle: once a client address has more than {@link FailureLimit#failures()}
 * failed authentications in its window, every request of that address that would check a token is
 * refused ({@link AuthenticationThrottledException}) until the window is over. A window starts at
 * the address's first failure (after the previous window ended) and lasts {@link
 * FailureLimit#window()}; refusals do not extend it. Successes change nothing.
 *
 * <p>At most {@code maxAddresses} addresses are tracked: beyond that the one whose window started
 * first is forgotten; windows that are over are forgotten as new failures arrive. Checking an
 * address ({@link #requireAllowed}) takes no lock and allocates nothing unless it refuses;
 * recording a failure takes one short lock. Thread-safe.
 */
public final class FailureThrottle {

  /** SPEC section 10: at most this many addresses are tracked. */
  public static final int DEFAULT_MAX_ADDRESSES = 100_000;

  private final FailureLimit limit;
  private final long windowMillis;
  private final int maxAddresses;
  private final Clock clock;

  /** Read without a lock; written only while holding {@link #order}. */
  private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

  /** The same windows, oldest first; guarded by itself. */
  private final LinkedHashMap<String, Window> order = new LinkedHashMap<>();

  private final LongAdder failures = new LongAdder();
  private final LongAdder refusals = new LongAdder();

  /** One address's current window: when it ends and how many failures it has seen. */
  private static final class Window {
    final long endMillis;
    volatile int failures;

    Window(long endMillis) {
      this.endMillis = endMillis;
    }
  }

  public FailureThrottle(FailureLimit limit, Clock clock) {
    this(limit, DEFAULT_MAX_ADDRESSES, clock);
  }

  public FailureThrottle(FailureLimit limit, int maxAddresses, Clock clock) {
    this.limit = Objects.requireNonNull(limit, "limit");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (maxAddresses < 1) {
      throw new IllegalArgumentException("maxAddresses must be at least 1");
    }
    this.maxAddresses = maxAddresses;
    this.windowMillis = limit.window().toMillis();
  }

  /**
   * Refuses {@code address} while it is throttled; otherwise returns at once (no lock, no
   * allocation).
   *
   * @throws AuthenticationThrottledException with the seconds until its window is over
   */
  public void requireAllowed(String address) {
    long seconds = secondsToWait(address);
    if (seconds > 0) {
      refusals.increment();
      throw new AuthenticationThrottledException(Duration.ofSeconds(seconds));
    }
  }

  /** The whole seconds until {@code address} may try again (at least 1), or 0 when it may now. */
  public long secondsToWait(String address) {
    if (limit.isOff()) {
      return 0;
    }
    Window window = windows.get(address);
    if (window == null || window.failures <= limit.failures()) {
      return 0;
    }
    long remaining = window.endMillis - clock.millis();
    if (remaining <= 0) {
      return 0;
    }
    return Math.min((remaining + 999) / 1000, (windowMillis + 999) / 1000);
  }

  /** Counts one failed authentication of {@code address}. */
  public void recordFailure(String address) {
    failures.increment();
    if (limit.isOff()) {
      return;
    }
    long now = clock.millis();
    synchronized (order) {
      forgetEndedWindows(now);
      Window window = order.get(address);
      if (window == null || window.endMillis <= now) {
        if (window != null) {
          order.remove(address);
        }
        window = new Window(now + windowMillis);
        order.put(address, window);
        windows.put(address, window);
        while (order.size() > maxAddresses) {
          Iterator<Map.Entry<String, Window>> oldest = order.entrySet().iterator();
          windows.remove(oldest.next().getKey());
          oldest.remove();
        }
      }
      window.failures = window.failures + 1;
    }
  }

  /** Windows start in time order and are equally long: the ended ones are at the head. */
  private void forgetEndedWindows(long now) {
    Iterator<Map.Entry<String, Window>> it = order.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<String, Window> head = it.next();
      if (head.getValue().endMillis > now) {
        return;
      }
      windows.remove(head.getKey());
      it.remove();
    }
  }

  /** The addresses tracked now. */
  public int trackedAddresses() {
    return windows.size();
  }

  /** Failed authentications recorded since start (also when the throttle is off). */
  public long failures() {
    return failures.sum();
  }

  /** Requests refused by {@link #requireAllowed} since start. */
  public long refusals() {
    return refusals.sum();
  }

  public FailureLimit limit() {
    return limit;
  }
}
