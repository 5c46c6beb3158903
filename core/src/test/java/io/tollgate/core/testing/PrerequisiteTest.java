package io.tollgate.core.testing;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class PrerequisiteTest {

  @Test
  void aPresentPart_letsTheTestRun_withOrWithoutCi() {
    assertThatCode(() -> Prerequisite.require(true, "x", Map.of("CI", "true")))
        .doesNotThrowAnyException();
    assertThatCode(() -> Prerequisite.require(true, "x", Map.of())).doesNotThrowAnyException();
  }

  @Test
  void aMissingPart_failsTheTestUnderCi() {
    assertThatThrownBy(
            () -> Prerequisite.require(false, "openssl is not installed", Map.of("CI", "1")))
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageContaining("openssl is not installed");
  }

  @Test
  void aMissingPart_skipsTheTestElsewhere() {
    assertThatThrownBy(() -> Prerequisite.require(false, "openssl is not installed", Map.of()))
        .isInstanceOf(TestAbortedException.class)
        .hasMessageContaining("openssl is not installed");
  }
}
