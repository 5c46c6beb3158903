package io.tollgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.cli.CliRunner.Result;
import io.tollgate.core.domain.failure.FailureLimit;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code serve}'s options and their variables as the launcher receives them; the launcher itself,
 * the store and TLS have their own tests ({@link ServeLauncherTest}, {@link ServeStoreOptionsTest},
 * {@link ServeTlsOptionsTest}).
 */
class ServeCommandTest {

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
  void defaults_bindLoopback8181_dataDirUnderHome_authOn_noRecovery_infoLogging() {
    ServeOptions options = serve(new CliRunner(home));

    assertThat(options)
        .isEqualTo(
            ServeOptions.builder(new BindAddress("127.0.0.1", 8181), home.resolve(".tollgate"))
                .build());
    assertThat(options.databaseFile()).isEqualTo(home.resolve(".tollgate/tollgate.db"));
  }

  @Test
  void everyOption_reachesTheLauncher() {
    ServeOptions options =
        serve(
            new CliRunner(home),
            "--http-bind",
            "0.0.0.0:9000",
            "--data-dir",
            "/var/lib/tollgate",
            "--without-auth",
            "--disable-authz",
            "health,PING",
            "--disable-authz",
            "metrics",
            "--admin-token-recovery-http-bind",
            "[::1]:9001",
            "--admin-token-file",
            "~/token.json",
            "--tls-cert",
            "/etc/cert.pem",
            "--tls-key",
            "/etc/key.pem",
            "--log-level",
            "DEBUG",
            "--cors-allow-origin",
            "https://Console.Example.com",
            "--cors-allow-origin",
            "*,http://127.0.0.1:3000",
            "--without-console",
            "--authz-rules",
            "~/rules.json",
            "--trusted-proxies",
            "10.0.0.0/8,::1",
            "--auth-failure-limit",
            "100/1h",
            "--log-format",
            "JSON",
            "--access-log",
            "--shutdown-grace",
            "1m 500ms");

    assertThat(options)
        .isEqualTo(
            ServeOptions.builder(new BindAddress("0.0.0.0", 9000), Path.of("/var/lib/tollgate"))
                .withoutAuth(true)
                .disableAuthz(
                    Set.of(ExemptEndpoint.HEALTH, ExemptEndpoint.PING, ExemptEndpoint.METRICS))
                .adminTokenRecoveryHttpBind(Optional.of(new BindAddress("::1", 9001)))
                .adminTokenFile(Optional.of(home.resolve("token.json")))
                .tls(Optional.of(Path.of("/etc/cert.pem")), Optional.of(Path.of("/etc/key.pem")))
                .logLevel(LogLevel.DEBUG)
                .corsAllowOrigins(
                    List.of("https://console.example.com", "*", "http://127.0.0.1:3000"))
                .withoutConsole(true)
                .authzRules(Optional.of(home.resolve("rules.json")))
                .trustedProxies("10.0.0.0/8,::1")
                .authFailureLimit(new FailureLimit(100, Duration.ofHours(1)))
                .logFormat(LogFormat.JSON)
                .accessLog(true)
                .shutdownGrace(Duration.ofMillis(60_500))
                .build());
  }

  @Test
  void shutdownGrace_defaultsToTenSeconds_andABadValueIsAUsageError() {
    assertThat(serve(new CliRunner(home)).shutdownGrace()).isEqualTo(Duration.ofSeconds(10));
    assertThat(serve(new CliRunner(home), "--shutdown-grace", "0s").shutdownGrace()).isZero();

    CliRunner cli = new CliRunner(home);
    Result result = cli.run("serve", "--shutdown-grace", "soon");
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("--shutdown-grace").contains("invalid duration \"soon\"");
    assertThat(cli.launched()).isEmpty();
  }

  @Test
  void recoveryBind_flagAloneMeansLoopback8182() {
    ServeOptions options =
        serve(new CliRunner(home), "--admin-token-recovery-http-bind", "--without-auth");

    assertThat(options.adminTokenRecoveryHttpBind()).contains(new BindAddress("127.0.0.1", 8182));
    assertThat(options.withoutAuth()).isTrue();
  }

  @Test
  void recoveryBind_flagAloneAtTheEndMeansLoopback8182() {
    ServeOptions options = serve(new CliRunner(home), "--admin-token-recovery-http-bind");

    assertThat(options.adminTokenRecoveryHttpBind()).contains(ServeOptions.DEFAULT_RECOVERY_BIND);
  }

  @Test
  void everyOption_canComeFromItsTollgateVariable() {
    CliRunner cli =
        new CliRunner(home)
            .env("TOLLGATE_HTTP_BIND", "127.0.0.1:0")
            .env("TOLLGATE_DATA_DIR", "/data")
            .env("TOLLGATE_WITHOUT_AUTH", "true")
            .env("TOLLGATE_DISABLE_AUTHZ", "health,metrics")
            .env("TOLLGATE_ADMIN_TOKEN_RECOVERY_HTTP_BIND", "127.0.0.1:7000")
            .env("TOLLGATE_ADMIN_TOKEN_FILE", "/t.json")
            .env("TOLLGATE_TLS_CERT", "/c.pem")
            .env("TOLLGATE_TLS_KEY", "/k.pem")
            .env("TOLLGATE_LOG_LEVEL", "warn")
            .env("TOLLGATE_CORS_ALLOW_ORIGIN", "https://console.example.com,http://localhost:3000")
            .env("TOLLGATE_WITHOUT_CONSOLE", "true")
            .env("TOLLGATE_AUTHZ_RULES", "/rules.json")
            .env("TOLLGATE_TRUSTED_PROXIES", "192.168.0.0/16")
            .env("TOLLGATE_AUTH_FAILURE_LIMIT", "0")
            .env("TOLLGATE_LOG_FORMAT", "json")
            .env("TOLLGATE_ACCESS_LOG", "yes")
            .env("TOLLGATE_SHUTDOWN_GRACE", "500ms");

    assertThat(serve(cli))
        .isEqualTo(
            ServeOptions.builder(new BindAddress("127.0.0.1", 0), Path.of("/data"))
                .withoutAuth(true)
                .disableAuthz(Set.of(ExemptEndpoint.HEALTH, ExemptEndpoint.METRICS))
                .adminTokenRecoveryHttpBind(Optional.of(new BindAddress("127.0.0.1", 7000)))
                .adminTokenFile(Optional.of(Path.of("/t.json")))
                .tls(Optional.of(Path.of("/c.pem")), Optional.of(Path.of("/k.pem")))
                .logLevel(LogLevel.WARN)
                .corsAllowOrigins(List.of("https://console.example.com", "http://localhost:3000"))
                .withoutConsole(true)
                .authzRules(Optional.of(Path.of("/rules.json")))
                .trustedProxies("192.168.0.0/16")
                .authFailureLimit(FailureLimit.OFF)
                .logFormat(LogFormat.JSON)
                .accessLog(true)
                .shutdownGrace(Duration.ofMillis(500))
                .build());
  }

  @Test
  void commandLine_winsOverTheVariable() {
    CliRunner cli =
        new CliRunner(home)
            .env("TOLLGATE_HTTP_BIND", "127.0.0.1:1")
            .env("TOLLGATE_DATA_DIR", "/from-env");

    ServeOptions options = serve(cli, "--http-bind", "127.0.0.1:2", "--data-dir", "/from-cli");

    assertThat(options.httpBind()).isEqualTo(new BindAddress("127.0.0.1", 2));
    assertThat(options.dataDir()).isEqualTo(Path.of("/from-cli"));
  }

  @ParameterizedTest
  @CsvSource({"1", "yes", "on", "TRUE"})
  void booleanVariable_acceptsTheUsualSpellingsOfTrue(String value) {
    assertThat(serve(new CliRunner(home).env("TOLLGATE_WITHOUT_AUTH", value)).withoutAuth())
        .isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "--http-bind 127.0.0.1:65536 | port must be 0 to 65535",
        "--http-bind localhost | expected HOST:PORT",
        "--http-bind http://0.0.0.0:80 | expected HOST:PORT",
        "--admin-token-recovery-http-bind 8182 | expected HOST:PORT",
        "--disable-authz health,admin | expected one of health, ping, metrics but was 'admin'",
        "--log-level verbose | expected one of error, warn, info, debug, trace",
        "--tls-cert /c.pem | --tls-cert and --tls-key must be given together",
        "--tls-key /k.pem | --tls-cert and --tls-key must be given together",
        "--cors-allow-origin https://a.example/path | expected scheme://host[:port] with no path",
        "--cors-allow-origin evil.example | expected scheme://host[:port] with no path",
        "--auth-failure-limit 20 | Invalid value for option '--auth-failure-limit': '20' is not a"
            + " failure limit: expected N/WINDOW such as 20/1m",
        "--auth-failure-limit 20/1d | 20/1d' is not a failure limit",
        "--auth-failure-limit 0/1m | 0/1m' is not a failure limit",
        "--port 80 | Unknown options: '--port'",
        "extra | Unmatched argument"
      })
  void invalidValues_areUsageErrorsAndNothingStarts(String args, String message) {
    CliRunner cli = new CliRunner(home);
    String[] argv = ("serve " + args).split(" ");

    Result result = cli.run(argv);

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err())
        .startsWith("error: ")
        .contains(message)
        .contains("tollgate serve --help");
    assertThat(cli.launched()).isEmpty();
  }

  @Test
  void authFailureLimit_defaultsToTwentyAMinute() {
    assertThat(serve(new CliRunner(home)).authFailureLimit())
        .isEqualTo(FailureLimit.DEFAULT)
        .hasToString("20/1m");
  }

  @Test
  void invalidAuthFailureLimitVariable_isAUsageErrorNamingTheOption() {
    CliRunner cli = new CliRunner(home).env("TOLLGATE_AUTH_FAILURE_LIMIT", "lots");

    Result result = cli.run("serve");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err())
        .contains("--auth-failure-limit")
        .contains("'lots' is not a failure limit");
    assertThat(cli.launched()).isEmpty();
  }

  @Test
  void invalidVariable_isAUsageErrorToo() {
    CliRunner cli = new CliRunner(home).env("TOLLGATE_HTTP_BIND", "nowhere");

    Result result = cli.run("serve");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("nowhere");
    assertThat(cli.launched()).isEmpty();
  }
}
