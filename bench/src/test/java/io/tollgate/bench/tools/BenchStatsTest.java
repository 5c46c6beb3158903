package io.tollgate.bench.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The statistics of {@code bench/stats.sh}, which {@code ./bench/run.sh} sources, run in bash. */
class BenchStatsTest {

  private static final Path STATS = Path.of("stats.sh").toAbsolutePath();

  @TempDir Path dir;

  @Test
  void pairedRatio_isTheMedianOfTheRoundsRatios_notTheQuotientOfTheMedians() throws Exception {
    Path a = lines("a.txt", "10", "20", "30");
    Path b = lines("b.txt", "5", "40", "12");
    // rounds: 10/5 = 2, 20/40 = 0.5, 30/12 = 2.5 -> median 2; the medians give 20 / 12
    assertThat(run("paired_ratio_of " + a + " " + b)).isEqualTo("2.000000");
    assertThat(run("calc \"$(median_of " + a + ") / $(median_of " + b + ")\" 6"))
        .isEqualTo("1.666667");
  }

  @Test
  void pairedRatio_ofFilesOfUnequalLength_isTheQuotientOfTheMedians() throws Exception {
    Path a = lines("a.txt", "10", "20", "30");
    Path b = lines("b.txt", "5", "10");
    assertThat(run("paired_ratio_of " + a + " " + b + " 2>/dev/null")).isEqualTo("2.666667");
    assertThat(run("paired_ratio_of " + a + " " + b + " 2>&1 >/dev/null"))
        .contains("differ in rounds", a.toString(), b.toString());
  }

  @Test
  void stats_printMedianMinMaxAndCount() throws Exception {
    assertThat(run("printf '4\\n1\\n3\\n2\\n' | stats")).isEqualTo("2.5 1 4 4");
    Path spread = lines("s.txt", "8", "10", "12");
    assertThat(run("spread_of " + spread)).isEqualTo("0.4");
  }

  private Path lines(String name, String... values) throws IOException {
    return Files.write(dir.resolve(name), (String.join("\n", values) + "\n").getBytes());
  }

  private static String run(String script) throws IOException, InterruptedException {
    Process bash =
        new ProcessBuilder(
                "bash", "-c", "set -euo pipefail; source \"$0\"; " + script, STATS.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertThat(bash.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(bash.exitValue()).as(out).isZero();
    return out;
  }
}
