package io.tollgate.bench.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RevocationLatencyTest {

  private static final double[] ONE_TO_HUNDRED =
      IntStream.rangeClosed(1, 100).asDoubleStream().toArray();

  @Test
  void percentilesAreByNearestRank() {
    assertThat(RevocationLatency.percentile(ONE_TO_HUNDRED, 0.50)).isEqualTo(50.0);
    assertThat(RevocationLatency.percentile(ONE_TO_HUNDRED, 0.99)).isEqualTo(99.0);
    assertThat(RevocationLatency.percentile(ONE_TO_HUNDRED, 1.0)).isEqualTo(100.0);
  }

  @Test
  void thePercentileOfOneSampleIsThatSample() {
    assertThat(RevocationLatency.percentile(new double[] {3.5}, 0.99)).isEqualTo(3.5);
    assertThat(RevocationLatency.percentile(new double[] {3.5}, 0.01)).isEqualTo(3.5);
  }
}
