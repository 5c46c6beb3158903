package io.tollgate.http;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The Prometheus text, rendered at most once per interval and shared by every scrape in it. A
 * rendering snapshots every histogram; when hundreds of scrapes arrived at once (issue 12 item 4)
 * each took its own snapshot, and the threads queued on the histograms' locks. Now one caller
 * renders while the others take the previous text (or, before the first, wait for it).
 */
final class ScrapeCache {
  private record Rendered(byte[] text, long atNanos) {}

  private final Supplier<String> render;
  private final long maxAgeNanos;
  private final LongSupplier nanoTime;
  private final ReentrantLock rendering = new ReentrantLock();
  private volatile Rendered last;

  /**
   * @param render produces the exposition text (such as {@code registry::scrape})
   * @param maxAge how long one rendering is served
   * @param nanoTime the monotonic clock ({@code System::nanoTime}; tests pass their own)
   */
  ScrapeCache(Supplier<String> render, Duration maxAge, LongSupplier nanoTime) {
    this.render = render;
    this.maxAgeNanos = maxAge.toNanos();
    this.nanoTime = nanoTime;
  }

  /** The text as UTF-8; the caller must not modify the array (it is shared). */
  byte[] bytes() {
    Rendered current = last;
    if (current != null && nanoTime.getAsLong() - current.atNanos() < maxAgeNanos) {
      return current.text();
    }
    if (current != null && !rendering.tryLock()) {
      return current.text(); // someone is rendering a fresh one right now
    }
    if (current == null) {
      rendering.lock();
    }
    try {
      Rendered latest = last;
      if (latest != null && nanoTime.getAsLong() - latest.atNanos() < maxAgeNanos) {
        return latest.text();
      }
      long at = nanoTime.getAsLong();
      byte[] text = render.get().getBytes(StandardCharsets.UTF_8);
      last = new Rendered(text, at);
      return text;
    } finally {
      rendering.unlock();
    }
  }
}
