package io.tollgate.core.domain.failure;

import io.tollgate.core.domain.Actor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Refused requests on their way to the audit (SPEC section 10), coalesced: one {@link FailureEvent}
 * per client address, credential fingerprint and action per {@link #WINDOW} (windows are aligned to
 * the epoch: 00:00:00–00:00:10 UTC, and so on), with a count. At most {@code capacity} events wait;
 * when that many do, a refusal that would need a new one is dropped and counted ({@link
 * #dropped()}), and {@link #offer} never waits for anything. {@link #drainEnded()} (after each
 * window) and {@link #drainAll()} (at shutdown) hand the events on. Thread-safe.
 */
public final class FailureQueue {

  /** SPEC section 10: refusals are coalesced per 10 seconds. */
  public static final Duration WINDOW = Duration.ofSeconds(10);

  /** The events that may wait by default. */
  public static final int DEFAULT_CAPACITY = 10_000;

  /** Longer paths are cut to this many characters. */
  public static final int MAX_PATH_LENGTH = 1024;

  private static final int MAX_METHOD_LENGTH = 32;
  private static final long WINDOW_MILLIS = WINDOW.toMillis();

  private final int capacity;
  private final Clock clock;
  private final ConcurrentHashMap<Key, Pending> pending = new ConcurrentHashMap<>();
  private final AtomicInteger waiting = new AtomicInteger();
  private final LongAdder dropped = new LongAdder();

  private record Key(
      FailureAction action, String clientAddress, String credentialFp, long window) {}

  /** One event being counted; {@link #close} ends it, after which {@link #add} refuses. */
  private static final class Pending {
    private final long firstMillis;
    private final FailureAction action;
    private final Actor actor;
    private final String clientAddress;
    private final String credentialFp;
    private final String method;
    private final String path;
    private long lastMillis;
    private long count = 1;
    private boolean closed;

    Pending(Key key, long now, Actor actor, String method, String path) {
      this.firstMillis = now;
      this.lastMillis = now;
      this.action = key.action();
      this.actor = actor;
      this.clientAddress = key.clientAddress();
      this.credentialFp = key.credentialFp();
      this.method = method;
      this.path = path;
    }

    synchronized boolean add(long now) {
      if (closed) {
        return false;
      }
      count++;
      lastMillis = Math.max(lastMillis, now);
      return true;
    }

    synchronized FailureEvent close() {
      closed = true;
      return new FailureEvent(
          Instant.ofEpochMilli(firstMillis),
          Instant.ofEpochMilli(lastMillis),
          action,
          actor,
          clientAddress,
          credentialFp,
          method,
          path,
          count);
    }
  }

  public FailureQueue(int capacity, Clock clock) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1");
    }
    this.capacity = capacity;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Counts one refused request: into the waiting event of its address, fingerprint, action and
   * window, else into a new one; dropped (and counted) when {@code capacity} events wait already.
   * Never blocks.
   *
   * @param credentialFp the presented credential's fingerprint, never the credential
   * @throws IllegalArgumentException if {@code credentialFp} is not 16 lower-case hex digits
   * @return false when dropped
   */
  public boolean offer(
      FailureAction action,
      String clientAddress,
      String credentialFp,
      Actor actor,
      String method,
      String path) {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(clientAddress, "clientAddress");
    Objects.requireNonNull(actor, "actor");
    FailureEvent.requireFingerprint(credentialFp);
    for (; ; ) {
      long now = clock.millis();
      Key key = new Key(action, clientAddress, credentialFp, Math.floorDiv(now, WINDOW_MILLIS));
      Pending current = pending.get(key);
      if (current != null) {
        if (current.add(now)) {
          return true;
        }
        continue; // drained meanwhile: its window has ended, read the clock again
      }
      if (waiting.incrementAndGet() > capacity) {
        waiting.decrementAndGet();
        dropped.increment();
        return false;
      }
      Pending fresh =
          new Pending(key, now, actor, cut(method, MAX_METHOD_LENGTH), cut(path, MAX_PATH_LENGTH));
      if (pending.putIfAbsent(key, fresh) == null) {
        return true;
      }
      waiting.decrementAndGet(); // another thread started this event first: count into it
    }
  }

  /** The events whose window has ended, removed from the queue, oldest window first. */
  public List<FailureEvent> drainEnded() {
    return drain(Math.floorDiv(clock.millis(), WINDOW_MILLIS));
  }

  /** Every waiting event, its window ended or not (at shutdown). */
  public List<FailureEvent> drainAll() {
    return drain(Long.MAX_VALUE);
  }

  private List<FailureEvent> drain(long beforeWindow) {
    List<Pending> ended = new ArrayList<>();
    for (Iterator<Map.Entry<Key, Pending>> it = pending.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<Key, Pending> entry = it.next();
      if (entry.getKey().window() < beforeWindow
          && pending.remove(entry.getKey(), entry.getValue())) {
        ended.add(entry.getValue());
      }
    }
    ended.sort((a, b) -> Long.compare(a.firstMillis, b.firstMillis));
    List<FailureEvent> events = new ArrayList<>(ended.size());
    for (Pending p : ended) {
      events.add(p.close());
      waiting.decrementAndGet();
    }
    return events;
  }

  /** Refusals dropped because the queue was full, since start. */
  public long dropped() {
    return dropped.sum();
  }

  /** Events waiting now. */
  public int waiting() {
    return waiting.get();
  }

  private static String cut(String text, int max) {
    String value = text == null ? "" : text;
    return value.length() <= max ? value : value.substring(0, max);
  }
}
