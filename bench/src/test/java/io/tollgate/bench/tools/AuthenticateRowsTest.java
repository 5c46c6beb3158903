package io.tollgate.bench.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class AuthenticateRowsTest {

  @Test
  void turns_goToTheirOperation_andEachIsDividedByTheBaselineOfItsOwnTurn() {
    Map<String, List<Double>> scores = new TreeMap<>();
    Map<String, List<Double>> ratios = new TreeMap<>();

    AuthenticateRows.collectTurns(
        List.of("sha512Baseline", "authenticateValid", "authenticateUnknown"),
        List.of(100.0, 150.0, 120.0, 200.0, 260.0, 220.0),
        " 10",
        scores,
        ratios);

    assertThat(scores)
        .containsOnlyKeys("sha512Baseline 10", "authenticateValid 10", "authenticateUnknown 10");
    assertThat(scores.get("sha512Baseline 10")).containsExactly(100.0, 200.0);
    assertThat(scores.get("authenticateValid 10")).containsExactly(150.0, 260.0);
    assertThat(scores.get("authenticateUnknown 10")).containsExactly(120.0, 220.0);
    assertThat(ratios).containsOnlyKeys("authenticateValid 10", "authenticateUnknown 10");
    assertThat(ratios.get("authenticateValid 10"))
        .satisfiesExactly(
            r -> assertThat(r).isCloseTo(1.5, within(1e-9)),
            r -> assertThat(r).isCloseTo(1.3, within(1e-9)));
    assertThat(ratios.get("authenticateUnknown 10"))
        .satisfiesExactly(
            r -> assertThat(r).isCloseTo(1.2, within(1e-9)),
            r -> assertThat(r).isCloseTo(1.1, within(1e-9)));
  }

  @Test
  void median_ofAnEvenCountIsTheMeanOfTheMiddleTwo() {
    assertThat(AuthenticateRows.median(new double[] {1, 2, 4, 8})).isEqualTo(3.0);
    assertThat(AuthenticateRows.median(new double[] {1, 2, 4})).isEqualTo(2.0);
  }

  @Test
  void turns_areReadFromTheClassOrItsSuperclass_andAClassWithoutThemRunsEveryBenchmark()
      throws Exception {
    assertThat(AuthenticateRows.turnsOf("io.tollgate.bench.PostgresAuthenticateBenchmark"))
        .containsExactly("sha512Baseline", "authenticateValid", "authenticateUnknown");
    assertThat(AuthenticateRows.turnsOf("io.tollgate.bench.AuthorizeBenchmark"))
        .containsExactly("authenticateResourceToken", "authorizePermitted");
    assertThat(AuthenticateRows.turnsOf("io.tollgate.bench.RecoveryCodeBenchmark")).isEmpty();
  }
}
