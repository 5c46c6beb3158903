package io.tollgate.cli;

import java.time.Duration;
import java.util.Map;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Token lifetimes as {@code influxdb3} accepts them (the grammar of Rust's {@code humantime}): one
 * or more {@code <number><unit>} parts, added together, with optional whitespace around and between
 * them: {@code 30s}, {@code 15m}, {@code 12h}, {@code 10d}, {@code 2w}, {@code 1y}, {@code 1h30m},
 * {@code 2h30min}, {@code "1h 30m"}, {@code 30days}, {@code 1month}, {@code 1M}, {@code 1year}.
 * Units are case-sensitive ({@code m} is minutes, {@code M} months); a month is 30.44 days and a
 * year 365.25 days. Sub-second units are accepted as {@code influxdb3} accepts them and the total
 * is cut to whole seconds (the wire carries seconds), which must come to at least one.
 */
final class Durations {

  static final String ACCEPTED_FORMS =
      "use numbers with units, added together, e.g. 30s, 15m, 12h, 10d, 2w, 1M, 1y, 1h30m,"
          + " 2h30min, \"1h 30m\", 30days, 1month, 1year; units: s/sec/seconds,"
          + " m/min/minutes, h/hr/hours, d/day/days, w/week/weeks, M/month/months (30.44 days),"
          + " y/year/years (365.25 days), ms, us, ns (m is minutes, M months)";

  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  /** A unit's length: whole seconds, or nanoseconds for the units below a second. */
  private record Unit(long seconds, long nanos) {
    static Unit seconds(long seconds) {
      return new Unit(seconds, 0);
    }

    static Unit nanos(long nanos) {
      return new Unit(0, nanos);
    }
  }

  private static final Unit MONTH = Unit.seconds(2_630_016); // 30.44 days
  private static final Unit YEAR = Unit.seconds(31_557_600); // 365.25 days
  private static final Map<String, Unit> UNITS =
      Map.ofEntries(
          Map.entry("nanos", Unit.nanos(1)),
          Map.entry("nsec", Unit.nanos(1)),
          Map.entry("ns", Unit.nanos(1)),
          Map.entry("usec", Unit.nanos(1_000)),
          Map.entry("us", Unit.nanos(1_000)),
          Map.entry("µs", Unit.nanos(1_000)),
          Map.entry("millis", Unit.nanos(1_000_000)),
          Map.entry("msec", Unit.nanos(1_000_000)),
          Map.entry("ms", Unit.nanos(1_000_000)),
          Map.entry("seconds", Unit.seconds(1)),
          Map.entry("second", Unit.seconds(1)),
          Map.entry("secs", Unit.seconds(1)),
          Map.entry("sec", Unit.seconds(1)),
          Map.entry("s", Unit.seconds(1)),
          Map.entry("minutes", Unit.seconds(60)),
          Map.entry("minute", Unit.seconds(60)),
          Map.entry("mins", Unit.seconds(60)),
          Map.entry("min", Unit.seconds(60)),
          Map.entry("m", Unit.seconds(60)),
          Map.entry("hours", Unit.seconds(3_600)),
          Map.entry("hour", Unit.seconds(3_600)),
          Map.entry("hrs", Unit.seconds(3_600)),
          Map.entry("hr", Unit.seconds(3_600)),
          Map.entry("h", Unit.seconds(3_600)),
          Map.entry("days", Unit.seconds(86_400)),
          Map.entry("day", Unit.seconds(86_400)),
          Map.entry("d", Unit.seconds(86_400)),
          Map.entry("weeks", Unit.seconds(604_800)),
          Map.entry("week", Unit.seconds(604_800)),
          Map.entry("w", Unit.seconds(604_800)),
          Map.entry("months", MONTH),
          Map.entry("month", MONTH),
          Map.entry("M", MONTH),
          Map.entry("years", YEAR),
          Map.entry("year", YEAR),
          Map.entry("y", YEAR));

  private Durations() {}

  /** Parses a lifetime; throws {@link IllegalArgumentException} naming the accepted forms. */
  static Duration parse(String text) {
    long seconds = exact(text).getSeconds();
    if (seconds == 0) {
      throw new IllegalArgumentException(
          "duration \"" + text + "\" must be at least 1 second; omit --expiry for no expiry");
    }
    return Duration.ofSeconds(seconds);
  }

  /**
   * Parses a duration in the same grammar, to the nanosecond and zero allowed ({@code 500ms},
   * {@code 10s}, {@code 0s}); throws {@link IllegalArgumentException} naming the accepted forms.
   */
  static Duration exact(String text) {
    if (text == null || text.isBlank()) {
      throw invalid(text);
    }
    long seconds = 0;
    long nanos = 0;
    int i = skipWhitespace(text, 0);
    while (i < text.length()) {
      int start = i;
      while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
        i++;
      }
      if (i == start) {
        throw invalid(text);
      }
      String digits = text.substring(start, i);
      i = skipWhitespace(text, i);
      int unitStart = i;
      while (i < text.length() && isUnitLetter(text.charAt(i))) {
        i++;
      }
      Unit unit = UNITS.get(text.substring(unitStart, i));
      if (unit == null) {
        throw invalid(text);
      }
      try {
        long amount = Long.parseLong(digits);
        seconds = Math.addExact(seconds, Math.multiplyExact(amount, unit.seconds()));
        nanos = Math.addExact(nanos, Math.multiplyExact(amount, unit.nanos()));
        seconds = Math.addExact(seconds, nanos / NANOS_PER_SECOND);
        nanos %= NANOS_PER_SECOND;
      } catch (NumberFormatException | ArithmeticException e) {
        throw new IllegalArgumentException("duration \"" + text + "\" is too large", e);
      }
      i = skipWhitespace(text, i);
    }
    return Duration.ofSeconds(seconds, nanos);
  }

  private static boolean isUnitLetter(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == 'µ';
  }

  private static int skipWhitespace(String text, int i) {
    while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
      i++;
    }
    return i;
  }

  private static IllegalArgumentException invalid(String text) {
    return new IllegalArgumentException("invalid duration \"" + text + "\": " + ACCEPTED_FORMS);
  }

  /** picocli converter of {@link #exact}: a bad duration is a usage error (exit 2). */
  static final class ExactConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      try {
        return exact(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
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
