package io.tollgate.core.domain.failure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FailureLimitTest {

  @Test
  void parse_readsNSlashWindow_inSecondsMinutesOrHours() {
    assertThat(FailureLimit.parse("20/1m")).isEqualTo(FailureLimit.DEFAULT);
    assertThat(FailureLimit.parse(" 5/30s "))
        .isEqualTo(new FailureLimit(5, Duration.ofSeconds(30)));
    assertThat(FailureLimit.parse("100/24h")).isEqualTo(new FailureLimit(100, Duration.ofDays(1)));
  }

  @Test
  void zero_isOff() {
    assertThat(FailureLimit.parse("0")).isEqualTo(FailureLimit.OFF);
    assertThat(FailureLimit.OFF.isOff()).isTrue();
    assertThat(FailureLimit.DEFAULT.isOff()).isFalse();
  }

  @Test
  void toString_isTheFormParseReads() {
    for (String text : new String[] {"20/1m", "5/30s", "7/2h", "0", "3/90s"}) {
      assertThat(FailureLimit.parse(text)).hasToString(text);
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "20",
        "20/",
        "/1m",
        "0/1m",
        "-1/1m",
        "20/0s",
        "20/25h",
        "20/1d",
        "20/1",
        "a/1m",
        "20/1M",
        "1000001/1m",
        "20 /1m",
        "20/1m30s"
      })
  void parse_refusesAnythingElse_quotingTheValueAndTheForms(String text) {
    assertThatThrownBy(() -> FailureLimit.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'" + text.strip() + "' is not a failure limit")
        .hasMessageContaining("N/WINDOW such as 20/1m");
  }
}
