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

class CreateRecoveryCodeCommandTest {

  static final String PATH = "/api/v3/configure/token/admin/recovery_code";
  static final String CODE = "7K3QX-0ABCD-EFGHJ-KMNPQ-RSTVW";

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
  void postsWithoutBodyAndTheBearerToken_andPrintsTheCodeOnce() {
    server.reply("POST", PATH, 201, "{\"recovery_code\":\"" + CODE + "\"}");

    Result result = cli.run("create", "recovery-code", "--token", "apiv3_admin");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out())
        .isEqualTo(
            "\nNew recovery code created successfully!\n\nRecovery code: "
                + CODE
                + "\n\nIMPORTANT: "
                + CreateRecoveryCodeCommand.IMPORTANT
                + "\n");
    assertThat(result.out().split(CODE, -1)).hasSize(2);
    assertThat(CreateRecoveryCodeCommand.IMPORTANT)
        .contains("shown only once")
        .contains("--admin-token-recovery-http-bind")
        .contains("spent on use")
        .contains("replaces");
    assertThat(result.err()).isEmpty();
    Request request = server.requests().get(0);
    assertThat(server.requests()).hasSize(1);
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.path()).isEqualTo(PATH);
    assertThat(request.body()).isEmpty();
    assertThat(request.header("Authorization")).isEqualTo("Bearer apiv3_admin");
  }

  @Test
  void formatJson_printsRecoveryCodeAndHelpMessage() {
    server.reply("POST", PATH, 201, "{\"recovery_code\":\"" + CODE + "\"}");

    Result result =
        cli.env("TOLLGATE_AUTH_TOKEN", "apiv3_env")
            .run("create", "recovery-code", "--format", "json");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out())
        .isEqualTo(
            "{\n  \"recovery_code\": \""
                + CODE
                + "\",\n  \"help_msg\": \""
                + CreateRecoveryCodeCommand.IMPORTANT
                + "\"\n}\n");
    assertThat(server.requests().get(0).header("Authorization")).isEqualTo("Bearer apiv3_env");
  }

  @Test
  void colour_onlyOnATerminal() {
    server.reply("POST", PATH, 201, "{\"recovery_code\":\"" + CODE + "\"}");

    assertThat(cli.terminal(true).run("create", "recovery-code").out()).contains("\u001B[");
  }

  @Test
  void serverRefusal_isExit1WithStatusAndBody() {
    server.reply("POST", PATH, 401, "{\"error\": \"the request was not authenticated\"}");

    Result result = cli.run("create", "recovery-code");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err())
        .contains("responded 401")
        .contains("the request was not authenticated")
        .contains("hint: no token was sent");
    assertThat(result.out()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"token\":\"x\"}",
        "{\"recovery_code\":\"short\"}",
        "{\"recovery_code\":\"7K3QX0ABCDEFGHJKMNPQRSTVW\"}",
        "not json"
      })
  void unexpectedBody_isExit1WithoutEchoingIt(String body) {
    server.reply("POST", PATH, 201, body);

    Result result = cli.run("create", "recovery-code", "--token", "t");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("no recovery code in the body").doesNotContain(body);
  }

  @Test
  void usageErrors_sendNothing() {
    Result format = cli.run("create", "recovery-code", "--format", "xml");
    Result host = cli.run("create", "recovery-code", "--host", "ftp://x");
    Result extra = cli.run("create", "recovery-code", "now");

    assertThat(format.exitCode()).isEqualTo(2);
    assertThat(host.exitCode()).isEqualTo(2);
    assertThat(extra.exitCode()).isEqualTo(2);
    assertThat(server.requests()).isEmpty();
  }
}
