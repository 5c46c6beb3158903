package io.tollgate.cli;

import static io.tollgate.cli.FakeInfluxServer.TOKEN;
import static io.tollgate.cli.FakeInfluxServer.TOKEN_OBJECT;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.cli.CliRunner.Result;
import io.tollgate.cli.FakeInfluxServer.Request;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CreateTokenCommandTest {

  static final String TEXT_BLOCK =
      "\n"
          + "New token created successfully!\n"
          + "\n"
          + "Token: "
          + TOKEN
          + "\n"
          + "HTTP Requests Header: Authorization: Bearer "
          + TOKEN
          + "\n"
          + "\n"
          + "IMPORTANT: Store this token securely, as it will not be shown again.\n";

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
  void admin_postsToTheAdminEndpointWithoutBodyAndPrintsTheTextBlock() {
    server.reply("POST", "/api/v3/configure/token/admin", 201, TOKEN_OBJECT);

    Result result = cli.run("create", "token", "--admin");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).isEqualTo(TEXT_BLOCK);
    assertThat(result.err()).isEmpty();
    Request request = server.requests().get(0);
    assertThat(server.requests()).hasSize(1);
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.path()).isEqualTo("/api/v3/configure/token/admin");
    assertThat(request.rawQuery()).isNull();
    assertThat(request.body()).isEmpty();
    assertThat(request.header("Authorization")).isNull();
  }

  @Test
  void admin_sendsTheTokenAsBearerWhenGiven() {
    server.reply("POST", "/api/v3/configure/token/admin", 201, TOKEN_OBJECT);

    cli.run("create", "token", "--admin", "--token", "apiv3_current");

    assertThat(server.requests().get(0).header("Authorization")).isEqualTo("Bearer apiv3_current");
  }

  @Test
  void named_postsNameAndExpirySecondsAsJson() {
    server.reply("POST", "/api/v3/configure/token/named_admin", 201, TOKEN_OBJECT);

    Result result =
        cli.run(
            "create", "token", "--admin", "--name", "ci bot", "--expiry", "1h30m", "--token", "t1");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).isEqualTo(TEXT_BLOCK);
    Request request = server.requests().get(0);
    assertThat(request.path()).isEqualTo("/api/v3/configure/token/named_admin");
    assertThat(request.header("Content-Type")).isEqualTo("application/json");
    assertThat(request.header("Authorization")).isEqualTo("Bearer t1");
    assertThat(request.body()).isEqualTo("{\"token_name\":\"ci bot\",\"expiry_secs\":5400}");
  }

  @Test
  void named_withoutExpirySendsNullExpiryAndADescriptionOnlyWhenGiven() {
    server.reply("POST", "/api/v3/configure/token/named_admin", 201, TOKEN_OBJECT);

    cli.run("create", "token", "--admin", "--name", "a");
    cli.run("create", "token", "--admin", "--name", "b", "--description", "CI \"main\"");

    assertThat(server.requests().get(0).body())
        .isEqualTo("{\"token_name\":\"a\",\"expiry_secs\":null}");
    assertThat(server.requests().get(1).body())
        .isEqualTo(
            "{\"token_name\":\"b\",\"expiry_secs\":null,\"description\":\"CI \\\"main\\\"\"}");
  }

  @Test
  void formatJson_printsTokenAndHelpMessageLikeInfluxdb3() {
    server.reply("POST", "/api/v3/configure/token/admin", 201, TOKEN_OBJECT);

    Result result = cli.run("create", "token", "--admin", "--format", "json");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out())
        .isEqualTo(
            "{\n  \"token\": \""
                + TOKEN
                + "\",\n  \"help_msg\": \"Store this token securely, as it will not be shown"
                + " again. HTTP requests require the following header: \\\"Authorization: Bearer "
                + TOKEN
                + "\\\"\"\n}\n");
  }

  @Test
  void colour_onlyOnATerminal() {
    server.reply("POST", "/api/v3/configure/token/admin", 201, TOKEN_OBJECT);

    Result terminal = cli.terminal(true).run("create", "token", "--admin");

    assertThat(terminal.out())
        .contains("\u001B[4mNew token created successfully!\u001B[0m")
        .contains("\u001B[1mToken:\u001B[0m " + TOKEN)
        .contains("\u001B[1;31mIMPORTANT:\u001B[0m");
    assertThat(terminal.out().replaceAll("\u001B\\[[0-9;]*m", "")).isEqualTo(TEXT_BLOCK);
  }

  @Test
  void colour_neverWhenNoColorIsSet() {
    server.reply("POST", "/api/v3/configure/token/admin", 201, TOKEN_OBJECT);

    Result result = cli.terminal(true).env("NO_COLOR", "1").run("create", "token", "--admin");

    assertThat(result.out()).isEqualTo(TEXT_BLOCK);
  }

  @Test
  void regenerate_yesOnStdinConfirmsAndThePromptGoesToStderr() {
    server.reply("POST", "/api/v3/configure/token/admin/regenerate", 201, TOKEN_OBJECT);

    Result result =
        cli.stdin("yes\n").run("create", "token", "--admin", "--regenerate", "--token", "old");

    assertThat(result.exitCode()).isZero();
    assertThat(result.err())
        .isEqualTo("Are you sure you want to regenerate admin token? Enter 'yes' to confirm\n");
    assertThat(result.out()).isEqualTo(TEXT_BLOCK);
    Request request = server.requests().get(0);
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.path()).isEqualTo("/api/v3/configure/token/admin/regenerate");
    assertThat(request.header("Authorization")).isEqualTo("Bearer old");
  }

  @Test
  void regenerate_yesFlagSkipsThePrompt() {
    server.reply("POST", "/api/v3/configure/token/admin/regenerate", 201, TOKEN_OBJECT);

    Result result = cli.run("create", "token", "--admin", "--regenerate", "--yes");

    assertThat(result.exitCode()).isZero();
    assertThat(result.err()).isEmpty();
    assertThat(server.requests()).hasSize(1);
  }

  @Test
  void regenerate_anythingButYesAbortsWithExit1AndSendsNothing() {
    for (String answer : new String[] {"\n", "y\n", "no\n", "YES\n", "yes please\n"}) {
      Result result = cli.stdin(answer).run("create", "token", "--admin", "--regenerate");

      assertThat(result.exitCode()).as("answer %s", answer).isEqualTo(1);
      assertThat(result.err()).endsWith("error: Cannot regenerate token without confirmation\n");
      assertThat(result.out()).isEmpty();
    }
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void regenerate_withNoAnswerOnStdinSaysHowToSkipTheConfirmation() {
    Result result = cli.stdin("").run("create", "token", "--admin", "--regenerate");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err())
        .endsWith(
            "error: Cannot regenerate token without confirmation\n"
                + "hint: stdin gave no answer (not a terminal?): pass --yes to skip this"
                + " confirmation\n");
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void regenerate_withNameIsAUsageError() {
    Result result = cli.run("create", "token", "--admin", "--regenerate", "--name", "x", "--yes");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err())
        .startsWith(
            "error: --regenerate cannot be used with --name, --regenerate only applies for"
                + " operator token\n")
        .contains("tollgate create token --help");
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void withoutAdmin_explainsWhatIsMissing() {
    Result result = cli.run("create", "token", "--name", "x");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err())
        .startsWith("error: missing --admin")
        .contains("tollgate create token --admin --name NAME");
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void serverError_goesToStderrWithStatusAndBodyAndExits1() {
    server.reply("POST", "/api/v3/configure/token/admin", 409, "token name already exists, _admin");

    Result result = cli.run("create", "token", "--admin");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.out()).isEmpty();
    assertThat(result.err())
        .isEqualTo(
            "error: server at "
                + server.url()
                + " responded 409: token name already exists, _admin\n");
  }

  @Test
  void unauthenticated_withoutTokenHintsAtTheTokenVariable() {
    server.reply(
        "POST",
        "/api/v3/configure/token/named_admin",
        401,
        "{\"error\": \"the request was not authenticated\"}");

    Result result = cli.run("create", "token", "--admin", "--name", "x");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err())
        .isEqualTo(
            "error: server at "
                + server.url()
                + " responded 401: {\"error\": \"the request was not authenticated\"}\n"
                + "hint: no token was sent: pass --token or set TOLLGATE_AUTH_TOKEN\n");
  }

  @Test
  void unauthenticated_withATokenSaysItMayBeWrongExpiredInactiveOrRegenerated() {
    server.reply(
        "POST",
        "/api/v3/configure/token/admin/regenerate",
        401,
        "{\"error\": \"the request was not authenticated\"}");

    Result result = cli.run("create", "token", "--admin", "--regenerate", "--yes", "--token", "t");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err())
        .isEqualTo(
            "error: server at "
                + server.url()
                + " responded 401: {\"error\": \"the request was not authenticated\"}\n"
                + "hint: the server refused the token (401): it may be wrong, expired, inactive,"
                + " or regenerated\n");
  }

  @Test
  void responseWithoutToken_isAFailureNotACrash() {
    server.reply("POST", "/api/v3/configure/token/admin", 201, "{}");

    Result result = cli.run("create", "token", "--admin");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err())
        .isEqualTo("error: unexpected response from " + server.url() + ": no token in the body\n");
  }

  @Test
  void token_isNeverEchoedInErrors() {
    server.reply("POST", "/api/v3/configure/token/named_admin", 401, "nope");

    Result result =
        cli.run("create", "token", "--admin", "--name", "x", "--token", "apiv3_secret_value");

    assertThat(result.err()).doesNotContain("apiv3_secret_value");
    assertThat(result.out()).doesNotContain("apiv3_secret_value");
  }
}
