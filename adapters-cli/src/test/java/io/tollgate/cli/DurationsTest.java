package io.tollgate.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

  @ParameterizedTest(name = "{0} = {1}s")
  @CsvSource({
    "30s, 30",
    "1s, 1",
    "15m, 900",
    "12h, 43200",
    "10d, 864000",
    "2w, 1209600",
    "1y, 31536000",
    "1h30m, 5400",
    "1d12h, 129600",
    "1y2w3d4h5m6s, 33019506",
    "90m, 5400",
    "0h1s, 1",
    "007s, 7"
  })
  void parse_acceptsEveryUnitAndCombinationsLargestFirst(String text, long seconds) {
    assertThat(Durations.parse(text)).isEqualTo(Duration.ofSeconds(seconds));
  }

  @Test
  void parse_countsAYearAs365Days() {
    assertThat(Durations.parse("1y")).isEqualTo(Duration.ofDays(365));
  }

  @ParameterizedTest(name = "\"{0}\"")
  @NullAndEmptySource
  @ValueSource(
      strings = {
        "30", "s", "1x", "1M", "1H", "1 h", " 1h", "1h ", "1.5h", "-1h", "+1h", "1h-30m", "30m1h",
        "1h1h", "1ms", "1hour", "1h30", "h30m", "P1D", "1_000s"
      })
  void parse_rejectsAnythingElseNamingTheAcceptedForms(String text) {
    assertThatThrownBy(() -> Durations.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("invalid duration")
        .hasMessageContaining("s, m, h, d, w or y")
        .hasMessageContaining("1h30m");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0s", "0y0d", "0m"})
  void parse_rejectsAZeroDurationBecauseZeroWouldMeanNeverOnTheWire(String text) {
    assertThatThrownBy(() -> Durations.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("longer than 0 seconds");
  }

  @ParameterizedTest
  @ValueSource(strings = {"99999999999999999999s", "9223372036854775807y", "300000000000y"})
  void parse_rejectsOverflowInsteadOfWrappingAround(String text) {
    assertThatThrownBy(() -> Durations.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("too large");
  }
}
