package io.tollgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.cli.CliRunner.Result;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code serve --store} and {@code --max-staleness}: the URL reaches the launcher, its password
 * never any output.
 */
class ServeStoreOptionsTest {

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
  void store_absentMeansSqliteInTheDataDir_aPostgresUrlReachesTheLauncher() {
    assertThat(serve(new CliRunner(home)).store()).isEmpty();

    ServeOptions options =
        serve(
            new CliRunner(home),
            "--store",
            "postgresql://tollgate:s3cretpw@db.example:5432/tollgate",
            "--max-staleness",
            "2s");

    assertThat(options.store().orElseThrow().url())
        .isEqualTo("postgresql://tollgate:s3cretpw@db.example:5432/tollgate");
    assertThat(options.maxStaleness()).isEqualTo(Duration.ofSeconds(2));
    assertThat(options.toString())
        .contains("postgresql://tollgate:***@db.example:5432/tollgate")
        .doesNotContain("s3cretpw");
    assertThat(serve(new CliRunner(home)).maxStaleness()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void store_acceptsAJdbcUrlFromTheVariable_andHidesItsPasswordParameter() {
    CliRunner cli =
        new CliRunner(home)
            .env("TOLLGATE_STORE", "jdbc:postgresql://db.example/t?user=u&password=s3cretpw")
            .env("TOLLGATE_MAX_STALENESS", "1m");

    ServeOptions options = serve(cli);

    assertThat(options.store().orElseThrow().url()).endsWith("password=s3cretpw");
    assertThat(options.store().orElseThrow())
        .hasToString("jdbc:postgresql://db.example/t?user=u&password=***");
    assertThat(options.maxStaleness()).isEqualTo(Duration.ofMinutes(1));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "--store mysql://u:s3cretpw@db/t | Invalid value for option '--store'",
        "--store /var/lib/tollgate | Invalid value for option '--store'",
        "--store postgresql://u:s3cretpw@db/t --max-staleness soon"
            + " | Invalid value for option '--max-staleness'",
        "--max-staleness 0s | Invalid value for option '--max-staleness'"
      })
  void store_anythingButAPostgresUrl_isAUsageErrorNamingTheOption_withoutThePassword(
      String args, String message) {
    CliRunner cli = new CliRunner(home);

    Result result = cli.run(("serve " + args).split(" "));

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains(message).doesNotContain("s3cretpw");
    assertThat(cli.launched()).isEmpty();
  }

  @Test
  void help_neverShowsTheStorePassword_evenWhenTheVariableIsSet() {
    CliRunner cli = new CliRunner(home).env("TOLLGATE_STORE", "postgresql://u:s3cretpw@db/t");

    Result result = cli.run("serve", "--help");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).contains("--store", "TOLLGATE_STORE", "--max-staleness");
    assertThat(result.out() + result.err()).doesNotContain("s3cretpw");
  }
}
