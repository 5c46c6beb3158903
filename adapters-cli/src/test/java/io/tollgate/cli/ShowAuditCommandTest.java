package io.tollgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.cli.CliRunner.Result;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tollgate show audit}: the query it sends, and the formats it prints. */
class ShowAuditCommandTest {
  private static final String AUDIT = "/api/v3/configure/token/audit";
  private static final String BODY =
      "[{\"at\":\"2025-04-18T14:02:46.000Z\",\"action\":\"auth.failed\","
          + "\"actor\":\"unauthenticated\",\"client_address\":\"10.0.0.8\",\"method\":\"GET\","
          + "\"path\":\"/metrics\",\"credential_fp\":\"0123456789abcdef\",\"count\":3},"
          + "{\"at\":\"2025-04-18T14:02:45.331Z\",\"action\":\"token.created\","
          + "\"actor\":\"bootstrap\",\"token_name\":\"_admin\",\"count\":1}]";

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
  void show_sendsSinceActionAndLimit_withTheToken() {
    server.reply("GET", AUDIT, 200, BODY);

    Result result =
        cli.run(
            "show",
            "audit",
            "--token",
            "t1",
            "--since",
            "2025-04-18T16:00:00+02:00",
            "--action",
            "auth.failed",
            "--limit",
            "5");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(server.requests().get(0).rawQuery())
        .isEqualTo("since=2025-04-18T14%3A00%3A00Z&action=auth.failed&limit=5");
    assertThat(server.requests().get(0).header("Authorization")).isEqualTo("Bearer t1");
  }

  @Test
  void show_aDurationSince_isThatLongBeforeNow() {
    server.reply("GET", AUDIT, 200, "[]");

    Result result = cli.run("show", "audit", "--since", "1h");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(server.requests().get(0).rawQuery()).startsWith("since=").endsWith("Z");
  }

  @Test
  void show_printsAPrettyTableByDefault() {
    server.reply("GET", AUDIT, 200, BODY);

    Result result = cli.run("show", "audit");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out())
        .startsWith("+---")
        .contains("| at ")
        .contains("| auth.failed ")
        .contains("| 0123456789abcdef |")
        .contains("| token.created ");
    assertThat(server.requests().get(0).rawQuery()).isNull();
  }

  @Test
  void show_jsonlAndCsv() {
    server.reply("GET", AUDIT, 200, BODY);
    server.reply("GET", AUDIT, 200, BODY);
    server.reply("GET", AUDIT, 200, BODY);

    String jsonl = cli.run("show", "audit", "--format", "jsonl").out();
    String csv = cli.run("show", "audit", "--format", "csv").out();
    String json = cli.run("show", "audit", "--format", "json").out();

    assertThat(jsonl.split("\n")).hasSize(2);
    assertThat(jsonl).startsWith("{\"at\":\"2025-04-18T14:02:46.000Z\",\"action\":\"auth.failed\"");
    assertThat(csv.split("\n")[0])
        .isEqualTo(
            "at,action,actor,actor_token_id,token_name,client_address,method,path,request_id,"
                + "credential_fp,count");
    assertThat(csv.split("\n")[2])
        .isEqualTo("2025-04-18T14:02:45.331Z,token.created,bootstrap,,_admin,,,,,,1");
    assertThat(json).isEqualTo(BODY + "\n");
  }

  @Test
  void show_badSinceOrLimit_isAUsageError_andSendsNothing() {
    Result since = cli.run("show", "audit", "--since", "yesterday");
    Result limit = cli.run("show", "audit", "--limit", "0");

    assertThat(since.exitCode()).isEqualTo(2);
    assertThat(since.err()).contains("--since 'yesterday' is neither a duration");
    assertThat(limit.exitCode()).isEqualTo(2);
    assertThat(limit.err()).contains("--limit must be 1 to 10000, got 0");
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void show_aServerRefusal_isExit1WithTheServersMessage() {
    server.reply("GET", AUDIT, 400, "unknown audit action 'x': expected one of token.created");

    Result result = cli.run("show", "audit", "--action", "x");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("unknown audit action 'x'");
  }
}
