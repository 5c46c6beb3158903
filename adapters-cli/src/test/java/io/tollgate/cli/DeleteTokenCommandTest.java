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

class DeleteTokenCommandTest {

  static final String PROMPT =
      "Are you sure you want to delete \"ci-bot\"? Enter 'yes' to confirm\n";

  @TempDir Path home;
  FakeInfluxServer server;
  CliRunner cli;

  @BeforeEach
  void start() throws Exception {
    server = FakeInfluxServer.start().reply("DELETE", "/api/v3/configure/token", 200, "");
    cli = new CliRunner(home).env("TOLLGATE_HOST_URL", server.url());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"yes\n", "y\n", "  yes  \n", "y"})
  void delete_promptsOnStderrAndAcceptsYesOrY(String answer) {
    Result result =
        cli.stdin(answer).run("delete", "token", "--token-name", "ci-bot", "--token", "t1");

    assertThat(result.exitCode()).isZero();
    assertThat(result.err()).isEqualTo(PROMPT);
    assertThat(result.out()).isEqualTo("Token \"ci-bot\" deleted successfully\n");
    Request request = server.requests().get(0);
    assertThat(request.method()).isEqualTo("DELETE");
    assertThat(request.path()).isEqualTo("/api/v3/configure/token");
    assertThat(request.rawQuery()).isEqualTo("token_name=ci-bot");
    assertThat(request.header("Authorization")).isEqualTo("Bearer t1");
    assertThat(request.body()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"\n", "n\n", "no\n", "Y\n", "yess\n"})
  void delete_anyOtherAnswerAbortsWithExit1AndSendsNothing(String answer) {
    Result result = cli.stdin(answer).run("delete", "token", "--token-name", "ci-bot");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err())
        .isEqualTo(PROMPT + "error: Cannot delete token without confirmation\n");
    assertThat(result.out()).isEmpty();
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void delete_withNoAnswerOnStdinSaysHowToSkipTheConfirmation() {
    Result result = cli.stdin("").run("delete", "token", "--token-name", "ci-bot");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err())
        .isEqualTo(
            PROMPT
                + "error: Cannot delete token without confirmation\n"
                + "hint: "
                + Confirmation.NO_ANSWER_HINT
                + "\n");
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void delete_yesFlagSkipsThePrompt() {
    Result result = cli.run("delete", "token", "--token-name", "ci-bot", "--yes");

    assertThat(result.exitCode()).isZero();
    assertThat(result.err()).isEmpty();
    assertThat(server.requests()).hasSize(1);
  }

  @Test
  void delete_urlEncodesTheName() {
    cli.run("delete", "token", "--token-name", "a b&c=d/é+", "--yes");

    assertThat(server.requests().get(0).rawQuery())
        .isEqualTo("token_name=a%20b%26c%3Dd%2F%C3%A9%2B");
  }

  @Test
  void delete_operatorTokenIsRefusedLocallyWithInfluxWordingAndNothingIsSent() {
    Result result = cli.run("delete", "token", "--token-name", "_admin", "--yes");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err())
        .isEqualTo(
            "error: cannot delete operator token\n"
                + "hint: to regenerate an operator token, use `tollgate create token --admin"
                + " --regenerate`\n");
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void delete_unknownNameReportsTheServers404() {
    server.reply(
        "DELETE", "/api/v3/configure/token", 404, "the requested resource was not found: x");

    Result result = cli.run("delete", "token", "--token-name", "x", "--yes");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.out()).isEmpty();
    assertThat(result.err())
        .isEqualTo(
            "error: server at "
                + server.url()
                + " responded 404: the requested resource was not found: x\n");
  }
}
