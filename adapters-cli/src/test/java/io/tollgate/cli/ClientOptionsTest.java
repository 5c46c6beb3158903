package io.tollgate.cli;

import static io.tollgate.cli.FakeInfluxServer.TOKEN_OBJECT;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.cli.CliRunner.Result;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClientOptionsTest {

  @TempDir Path home;
  FakeInfluxServer server;
  FakeInfluxServer other;

  @BeforeEach
  void start() throws Exception {
    server = FakeInfluxServer.start().reply("GET", "/api/v3/query_sql", 200, "rows\n");
    other = FakeInfluxServer.start().reply("GET", "/api/v3/query_sql", 200, "rows\n");
  }

  @AfterEach
  void stop() {
    server.close();
    other.close();
  }

  @Test
  void host_tollgateVariableWinsOverInfluxdb3Variable() {
    Result result =
        new CliRunner(home)
            .env("TOLLGATE_HOST_URL", server.url())
            .env("INFLUXDB3_HOST_URL", other.url())
            .run("show", "tokens");

    assertThat(result.exitCode()).isZero();
    assertThat(server.requests()).hasSize(1);
    assertThat(other.requests()).isEmpty();
  }

  @Test
  void host_influxdb3VariableIsTheFallback() {
    new CliRunner(home).env("INFLUXDB3_HOST_URL", other.url() + "/").run("show", "tokens");

    assertThat(other.requests()).hasSize(1);
    assertThat(other.requests().get(0).path()).isEqualTo("/api/v3/query_sql");
  }

  @Test
  void host_optionWinsOverBothVariables() {
    new CliRunner(home)
        .env("TOLLGATE_HOST_URL", other.url())
        .env("INFLUXDB3_HOST_URL", other.url())
        .run("show", "tokens", "-H", server.url());

    assertThat(server.requests()).hasSize(1);
    assertThat(other.requests()).isEmpty();
  }

  @Test
  void token_tollgateVariableWinsThenInfluxdb3ThenNone() {
    CliRunner both =
        new CliRunner(home)
            .env("TOLLGATE_HOST_URL", server.url())
            .env("TOLLGATE_AUTH_TOKEN", "apiv3_tollgate")
            .env("INFLUXDB3_AUTH_TOKEN", "apiv3_influx");
    CliRunner influxOnly =
        new CliRunner(home)
            .env("TOLLGATE_HOST_URL", server.url())
            .env("INFLUXDB3_AUTH_TOKEN", "apiv3_influx");
    CliRunner none = new CliRunner(home).env("TOLLGATE_HOST_URL", server.url());

    both.run("show", "tokens");
    influxOnly.run("show", "tokens");
    none.run("show", "tokens");
    both.run("show", "tokens", "--token", "apiv3_option");

    assertThat(server.requests())
        .extracting(r -> r.header("Authorization"))
        .containsExactly(
            "Bearer apiv3_tollgate", "Bearer apiv3_influx", null, "Bearer apiv3_option");
  }

  @Test
  void emptyVariable_countsAsUnset() {
    new CliRunner(home)
        .env("TOLLGATE_HOST_URL", "")
        .env("INFLUXDB3_HOST_URL", server.url())
        .env("TOLLGATE_AUTH_TOKEN", "")
        .run("show", "tokens");

    assertThat(server.requests()).hasSize(1);
    assertThat(server.requests().get(0).header("Authorization")).isNull();
  }

  @Test
  void connectionRefused_namesTheUrlAndExits1() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    String url = "http://127.0.0.1:" + port;

    Result result = new CliRunner(home).run("create", "token", "--admin", "--host", url);

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.out()).isEmpty();
    assertThat(result.err())
        .isEqualTo("error: could not connect to " + url + ": connection refused\n");
  }

  @Test
  void hostWithPathPrefix_isKept() {
    server.reply("POST", "/prefix/api/v3/configure/token/admin", 201, TOKEN_OBJECT);

    Result result =
        new CliRunner(home).run("create", "token", "--admin", "-H", server.url() + "/prefix/");

    assertThat(result.exitCode()).isZero();
    assertThat(server.requests().get(0).path()).isEqualTo("/prefix/api/v3/configure/token/admin");
  }

  @Test
  void tokenWithWhitespace_isAUsageErrorThatDoesNotEchoIt() {
    Result result =
        new CliRunner(home)
            .env("TOLLGATE_HOST_URL", server.url())
            .run("show", "tokens", "--token", "apiv3_se cret");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("--token must be printable ASCII").doesNotContain("se cret");
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void help_neverShowsTheTokenFromTheEnvironment() {
    Result result =
        new CliRunner(home)
            .env("TOLLGATE_AUTH_TOKEN", "apiv3_from_env")
            .run("show", "tokens", "--help");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).contains("--token").doesNotContain("apiv3_from_env");
  }
}
