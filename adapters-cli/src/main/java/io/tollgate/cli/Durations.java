package io.tollgate.cli;

import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Token lifetimes as the CLI accepts them: one or more {@code <number><unit>} parts with units
 * {@code s}, {@code m}, {@code h}, {@code d}, {@code w} and {@code y} (365 days), added together:
 * {@code 30s}, {@code 15m}, {@code 12h}, {@code 10d}, {@code 2w}, {@code 1y}, {@code 1h30m}. Units
 * are lower case, each at most once, largest first; the total must be positive.
 */
final class Durations {

  static final String ACCEPTED_FORMS =
      "use a number followed by s, m, h, d, w or y (seconds, minutes, hours, days, weeks,"
          + " 365-day years), combinable largest unit first, e.g. 30s, 15m, 12h, 10d, 2w, 1y,"
          + " 1h30m";

  private static final String UNITS = "ywdhms";
  private static final long[] SECONDS = {365L * 86_400, 7L * 86_400, 86_400, 3_600, 60, 1};

  private Durations() {}

  /** Parses a lifetime; throws {@link IllegalArgumentException} naming the accepted forms. */
  static Duration parse(String text) {
    if (text == null || text.isEmpty()) {
      throw invalid(text);
    }
    long total = 0;
    int lastUnit = -1;
    int i = 0;
    while (i < text.length()) {
      int start = i;
      while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
        i++;
      }
      if (i == start || i == text.length()) {
        throw invalid(text);
      }
      int unit = UNITS.indexOf(text.charAt(i));
      if (unit < 0 || unit <= lastUnit) {
        throw invalid(text);
      }
      lastUnit = unit;
      String digits = text.substring(start, i);
      i++;
      try {
        long amount = Long.parseLong(digits);
        total = Math.addExact(total, Math.multiplyExact(amount, SECONDS[unit]));
      } catch (NumberFormatException | ArithmeticException e) {
        throw new IllegalArgumentException("duration \"" + text + "\" is too large", e);
      }
    }
    if (total == 0) {
      throw new IllegalArgumentException(
          "duration \"" + text + "\" must be longer than 0 seconds; omit --expiry for no expiry");
    }
    return Duration.ofSeconds(total);
  }

  private static IllegalArgumentException invalid(String text) {
    return new IllegalArgumentException("invalid duration \"" + text + "\": " + ACCEPTED_FORMS);
  }

  /** picocli converter: a bad duration is a usage error (exit 2). */
  static final class Converter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      try {
        return parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }
}
