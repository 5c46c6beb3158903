package io.tollgate.http;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * At most one INFO line per kind of event and interval, so that a flood of bad requests cannot fill
 * the log: the first event of a kind is logged, the next ones within the interval are only counted,
 * and the count is reported with the next line logged for that kind.
 */
final class RateLimitedLog {
  static final Duration INTERVAL = Duration.ofMinutes(1);

  private final Logger logger;
  private final String format;
  private final LongSupplier nanoTime;
  private final Map<String, Window> windows = new HashMap<>();

  /**
   * @param format an SLF4J format with one {@code {}} for the kind
   */
  RateLimitedLog(Logger logger, String format) {
    this(logger, format, System::nanoTime);
  }

  RateLimitedLog(Logger logger, String format, LongSupplier nanoTime) {
    this.logger = logger;
    this.format = format;
    this.nanoTime = nanoTime;
  }

  /** Logs this event of {@code kind} (one of a few fixed phrases), or counts it if too soon. */
  void log(String kind) {
    long now = nanoTime.getAsLong();
    long suppressed;
    synchronized (windows) {
      Window window = windows.get(kind);
      if (window != null && now - window.loggedAt < INTERVAL.toNanos()) {
        window.suppressed++;
        return;
      }
      suppressed = window == null ? 0 : window.suppressed;
      windows.put(kind, new Window(now));
    }
    if (suppressed == 0) {
      logger.info(format, kind);
    } else {
      logger.info(
          format + "; {} more like it since the last such line were not logged", kind, suppressed);
    }
  }

  private static final class Window {
    final long loggedAt;
    long suppressed;

    Window(long loggedAt) {
      this.loggedAt = loggedAt;
    }
  }
}
