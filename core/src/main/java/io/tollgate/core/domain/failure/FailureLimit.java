package io.tollgate.core.domain.failure;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How many failed authentications one client address may have within a window before it is
 * throttled: {@code N/WINDOW} such as {@code 20/1m}, or {@link #OFF} ({@code 0}).
 *
 * @param failures the failures tolerated per window, 0 when off
 * @param window the window's length, zero when off
 */
public record FailureLimit(int failures, Duration window) {

  public static final int MAX_FAILURES = 1_000_000;
  public static final Duration MAX_WINDOW = Duration.ofDays(1);

  /** No throttling. */
  public static final FailureLimit OFF = new FailureLimit(0, Duration.ZERO);

  /** {@code 20/1m}: twenty failures a minute. */
  public static final FailureLimit DEFAULT = new FailureLimit(20, Duration.ofMinutes(1));

  private static final Pattern FORM = Pattern.compile("(\\d{1,7})/(\\d{1,5})([smh])");

  public FailureLimit {
    Objects.requireNonNull(window, "window");
    if (failures == 0 ? !window.isZero() : failures < 0 || failures > MAX_FAILURES) {
      throw new IllegalArgumentException("failures must be 1 to " + MAX_FAILURES + ", or 0 (off)");
    }
    if (failures > 0
        && (window.compareTo(Duration.ofSeconds(1)) < 0 || window.compareTo(MAX_WINDOW) > 0)) {
      throw new IllegalArgumentException("a failure window must be 1s to 24h");
    }
  }

  /**
   * Parses {@code N/WINDOW} (N from 1 to 1,000,000; WINDOW a number of {@code s}, {@code m} or
   * {@code h} from 1s to 24h) or {@code 0}.
   *
   * @throws IllegalArgumentException quoting the value and the accepted forms
   */
  public static FailureLimit parse(String text) {
    String value = text == null ? "" : text.strip();
    if (value.equals("0")) {
      return OFF;
    }
    Matcher m = FORM.matcher(value);
    if (m.matches()) {
      int failures = Integer.parseInt(m.group(1));
      long amount = Long.parseLong(m.group(2));
      Duration window =
          switch (m.group(3)) {
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
          };
      if (failures >= 1
          && failures <= MAX_FAILURES
          && !window.isZero()
          && window.compareTo(MAX_WINDOW) <= 0) {
        return new FailureLimit(failures, window);
      }
    }
    throw new IllegalArgumentException(
        "'"
            + value
            + "' is not a failure limit: expected N/WINDOW such as 20/1m or 100/1h (N from 1 to"
            + " 1000000 failures, WINDOW from 1s to 24h in s, m or h), or 0 for no limit");
  }

  public boolean isOff() {
    return failures == 0;
  }

  /** {@code 20/1m}, {@code 0}: the form {@link #parse} reads. */
  @Override
  public String toString() {
    if (isOff()) {
      return "0";
    }
    long seconds = window.toSeconds();
    if (seconds % 3600 == 0) {
      return failures + "/" + seconds / 3600 + "h";
    }
    return seconds % 60 == 0 ? failures + "/" + seconds / 60 + "m" : failures + "/" + seconds + "s";
  }
}
