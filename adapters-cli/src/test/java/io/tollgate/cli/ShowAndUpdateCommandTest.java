package io.tollgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.cli.CliRunner.Result;
import io.tollgate.cli.FakeInfluxServer.Request;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ShowAndUpdateCommandTest {

  static final String PRETTY =
      "+----------+--------+\n| token_id | name   |\n+----------+--------+\n| 0        | _admin |\n"
          + "+----------+--------+";

  @TempDir Path home;
  FakeInfluxServer server;
  CliRunner cli;

  @BeforeEach
  void start() throws Exception {
    server = FakeInfluxServer.start();
    cli = new CliRunner(home).env("TOLLGATE_HOST_URL", server.url());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void show_queriesSystemTokensInPrettyFormatByDefaultAndPrintsTheBodyAsIs() {
    server.reply("GET", "/api/v3/query_sql", 200, PRETTY);

    Result result = cli.run("show", "tokens", "--token", "t1");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).isEqualTo(PRETTY + "\n");
    Request request = server.requests().get(0);
    assertThat(request.method()).isEqualTo("GET");
    assertThat(request.path()).isEqualTo("/api/v3/query_sql");
    assertThat(request.rawQuery())
        .isEqualTo("db=_internal&q=SELECT%20*%20FROM%20system.tokens&format=pretty");
    assertThat(request.header("Authorization")).isEqualTo("Bearer t1");
  }

  @ParameterizedTest
  @ValueSource(strings = {"json", "jsonl", "csv", "pretty", "JSON"})
  void show_passesTheFormatThrough(String format) {
    server.reply("GET", "/api/v3/query_sql", 200, "[{\"token_id\":0}]\n");

    Result result = cli.run("show", "tokens", "--format", format);

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).isEqualTo("[{\"token_id\":0}]\n");
    assertThat(server.requests().get(0).rawQuery()).endsWith("&format=" + format.toLowerCase());
  }

  @Test
  void show_unknownFormatIsAUsageError() {
    Result result = cli.run("show", "tokens", "--format", "xml");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("--format").contains("pretty, json, jsonl, csv");
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void update_patchesTheTokenWithOnlyTheFieldsGiven() {
    server.reply("PATCH", "/api/v3/configure/token", 200, "");

    Result result =
        cli.run(
            "update", "token", "--token-name", "ci bot", "--status", "inactive", "--token", "t1");
    cli.run("update", "token", "--token-name", "ci", "--description", "CI");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).isEqualTo("Token \"ci bot\" updated successfully\n");
    Request request = server.requests().get(0);
    assertThat(request.method()).isEqualTo("PATCH");
    assertThat(request.path()).isEqualTo("/api/v3/configure/token");
    assertThat(request.rawQuery()).isEqualTo("token_name=ci%20bot");
    assertThat(request.header("Content-Type")).isEqualTo("application/json");
    assertThat(request.body()).isEqualTo("{\"status\":\"inactive\"}");
    assertThat(server.requests().get(1).body()).isEqualTo("{\"description\":\"CI\"}");
  }

  @Test
  void update_withNothingToChangeOrABadStatusIsAUsageError() {
    assertThat(cli.run("update", "token", "--token-name", "x").exitCode()).isEqualTo(2);
    Result bad = cli.run("update", "token", "--token-name", "x", "--status", "paused");
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err()).contains("\"active\" or \"inactive\"");
    assertThat(server.requests()).isEmpty();
  }
}
