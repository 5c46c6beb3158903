package io.tollgate.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.cli.CliRunner.Result;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code serve --last-used-interval}: at least one second, or off; 60 s by default. */
class ServeLastUsedIntervalTest {

  @TempDir Path home;

  private ServeOptions serve(CliRunner cli, String... args) {
    String[] all = new String[args.length + 1];
    all[0] = "serve";
    System.arraycopy(args, 0, all, 1, args.length);
    Result result = cli.run(all);
    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(cli.launched()).hasSize(1);
    return cli.launched().get(0);
  }

  @Test
  void byDefault_lastUseIsWrittenEveryMinute() {
    ServeOptions options = serve(new CliRunner(home));

    assertThat(options.lastUsedInterval()).isEqualTo(Duration.ofSeconds(60));
    assertThat(options.tracksLastUse()).isTrue();
  }

  @Test
  void aDuration_isTheInterval_fromTheOptionOrTheVariable() {
    assertThat(serve(new CliRunner(home), "--last-used-interval", "1s").lastUsedInterval())
        .isEqualTo(Duration.ofSeconds(1));
    assertThat(
            serve(new CliRunner(home).env("TOLLGATE_LAST_USED_INTERVAL", "5m")).lastUsedInterval())
        .isEqualTo(Duration.ofMinutes(5));
  }

  @ParameterizedTest
  @ValueSource(strings = {"off", "0"})
  void offOrZero_turnsTrackingOff(String value) {
    ServeOptions options = serve(new CliRunner(home), "--last-used-interval", value);

    assertThat(options.lastUsedInterval()).isZero();
    assertThat(options.tracksLastUse()).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"500ms", "0s", "soon", ""})
  void anythingElse_isAUsageErrorNamingTheOption(String value) {
    CliRunner cli = new CliRunner(home);

    Result result = cli.run("serve", "--last-used-interval", value);

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err())
        .contains("Invalid value for option '--last-used-interval'")
        .contains("at least 1s");
    assertThat(cli.launched()).isEmpty();
  }

  @Test
  void theBuilder_refusesLessThanASecond() {
    ServeOptions.Builder builder =
        ServeOptions.builder(ServeOptions.DEFAULT_HTTP_BIND, home)
            .lastUsedInterval(Duration.ofMillis(500));

    assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--last-used-interval");
  }
}
