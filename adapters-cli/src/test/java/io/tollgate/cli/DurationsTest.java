package io.tollgate.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code --expiry} accepts what {@code influxdb3} (Rust's humantime) accepts. */
class DurationsTest {

  private static final long DAY = 86_400;
  private static final long MONTH = 2_630_016; // 30.44 days
  private static final long YEAR = 31_557_600; // 365.25 days

  @ParameterizedTest(name = "\"{0}\" = {1}s")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        // the forms Tollgate accepted before
        "30s | 30",
        "15m | 900",
        "12h | 43200",
        "10d | 864000",
        "2w | 1209600",
        "1y | 31557600",
        "1h30m | 5400",
        "1y2w3d4h5m6s | 33041106",
        "90m | 5400",
        "0h1s | 1",
        "007s | 7",
        // humantime's long names and combinations
        "30days | 2592000",
        "1day | 86400",
        "12hours | 43200",
        "2h30min | 9000",
        "1month | 2630016",
        "3months | 7890048",
        "1M | 2630016",
        "12M | 31560192",
        "1year | 31557600",
        "7years | 220903200",
        "17y | 536479200",
        "`1h 30m` | 5400",
        "` 2h 37min `| 9420",
        "`20 min 17 sec` | 1217",
        "`1 hour` | 3600",
        "1sec | 1",
        "300secs | 300",
        "50seconds | 50",
        "1second | 1",
        "12mins | 720",
        "7minutes | 420",
        "7hr | 25200",
        "7hrs | 25200",
        "1hour | 3600",
        "1week | 604800",
        "7weeks | 4233600",
        // any order, repeats allowed: the parts are added
        "30m1h | 5400",
        "1h1h | 7200",
        // sub-second units: accepted, the total cut to whole seconds
        "1500ms | 1",
        "1s999ms | 1",
        "2000millis | 2",
        "1000000us | 1",
        "1000000000ns | 1"
      })
  void parse_acceptsWhatInfluxdb3Accepts(String text, long seconds) {
    assertThat(Durations.parse(text)).isEqualTo(Duration.ofSeconds(seconds));
  }

  @Test
  void parse_countsAYearAs365AndAQuarterDaysAndAMonthAs30Point44Days() {
    assertThat(Durations.parse("1y").getSeconds()).isEqualTo(YEAR).isEqualTo(36525 * DAY / 100);
    assertThat(Durations.parse("1M").getSeconds()).isEqualTo(MONTH).isEqualTo(3044 * DAY / 100);
  }

  @Test
  void parse_smallMIsMinutesCapitalMIsMonths() {
    assertThat(Durations.parse("1m")).isEqualTo(Duration.ofMinutes(1));
    assertThat(Durations.parse("1M")).isEqualTo(Duration.ofSeconds(MONTH));
  }

  @ParameterizedTest(name = "\"{0}\"")
  @NullAndEmptySource
  @ValueSource(
      strings = {
        " ",
        "30",
        "s",
        "1x",
        "1H",
        "1D",
        "1Y",
        "1.5h",
        "-1h",
        "+1h",
        "1h-30m",
        "1h30",
        "h30m",
        "P1D",
        "1_000s",
        "1 2",
        "1h,30m",
        "1fortnight",
        "1mo",
        "1 h x"
      })
  void parse_rejectsAnythingElseNamingTheAcceptedForms(String text) {
    assertThatThrownBy(() -> Durations.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("invalid duration")
        .hasMessageContaining("30days")
        .hasMessageContaining("m is minutes, M months");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0s", "0y0d", "0m", "500ms", "999999us"})
  void parse_rejectsLessThanASecondBecauseZeroWouldMeanNeverOnTheWire(String text) {
    assertThatThrownBy(() -> Durations.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 1 second");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "99999999999999999999s",
        "9223372036854775807y",
        "300000000000y",
        "9223372036854775807ms"
      })
  void parse_rejectsOverflowInsteadOfWrappingAround(String text) {
    assertThatThrownBy(() -> Durations.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("too large");
  }
}
