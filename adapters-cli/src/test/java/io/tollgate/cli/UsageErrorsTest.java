package io.tollgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.cli.CliRunner.Result;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every usage error exits 2, says what is wrong on stderr, and sends no request. */
class UsageErrorsTest {

  @TempDir Path home;
  FakeInfluxServer server;

  @BeforeEach
  void start() throws Exception {
    server = FakeInfluxServer.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "'' | missing command",
        "frobnicate | Unmatched argument",
        "create | missing subcommand",
        "create tokens --admin | Unmatched argument",
        "create token | missing --admin",
        "create token --name x | missing --admin",
        "create token --admin --regenerate --name x | --regenerate cannot be used with --name",
        "create token --admin --name x --expiry 10 | invalid duration \"10\"",
        "create token --admin --name x --expiry 1fortnight | invalid duration",
        "create token --admin --name x --expiry 0s | at least 1 second",
        "create token --admin --expiry 1d | --expiry requires --name",
        "create token --admin --description d | --description requires --name",
        "create token --admin --name _admin | reserved for the operator token",
        "create token --admin --name '   ' | only whitespace",
        "create token --admin --format yaml | expected one of text, json",
        "create token --admin --offline | --offline requires --output-file",
        "create token --admin --output-file f.json | --output-file requires --offline",
        "create token --admin --force | --force applies only",
        "create token --admin --regenerate --offline --output-file f | --regenerate needs a running server",
        "create token --admin --offline --output-file f --format json | --format does not apply",
        "create token --admin --host ftp://h:1 | invalid host URL",
        "create token --admin --host 127.0.0.1:8181 | invalid host URL",
        "create token --admin --name | Missing required parameter",
        "delete token | Missing required option: '--token-name=NAME'",
        "delete token --token-name '' | token name must be 1 to 128 characters",
        "show tokens --format xml | expected one of pretty, json, jsonl, csv",
        "show tokens extra | Unmatched argument",
        "update token --token-name x | nothing to update",
        "update token --token-name x --status on | \"active\" or \"inactive\"",
        "completion | Missing required parameter: 'SHELL'",
        "completion fish | expected one of [bash]"
      })
  void usageError_exits2WithAMessageAndSendsNoRequest(String args, String message) {
    Result result =
        new CliRunner(home)
            .env("TOLLGATE_HOST_URL", server.url())
            .stdin("yes\n")
            .run(args.isEmpty() ? new String[0] : split(args));

    assertThat(result.exitCode()).as(result.err()).isEqualTo(2);
    assertThat(result.err()).startsWith("error: ").contains(message).contains("--help");
    assertThat(result.out()).isEmpty();
    assertThat(server.requests()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "recovery list --token apiv3_SeCrEt-value_1 | Unknown option",
        "show tokens apiv3_SeCrEt-value_1 | Unmatched argument",
        "create token --admin --name apiv3_SeCrEt-value_1 --expiry apiv3_SeCrEt-value_1"
            + " | invalid duration"
      })
  void usageError_neverEchoesATokenString(String args, String message) {
    Result result = new CliRunner(home).env("TOLLGATE_HOST_URL", server.url()).run(split(args));

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains(message).contains(ErrorHandlers.REDACTED);
    assertThat(result.err() + result.out()).doesNotContain("SeCrEt");
  }

  /** Splits on spaces, keeping single-quoted words (possibly empty) together. */
  private static String[] split(String args) {
    java.util.List<String> words = new java.util.ArrayList<>();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("'([^']*)'|(\\S+)").matcher(args);
    while (m.find()) {
      words.add(m.group(1) != null ? m.group(1) : m.group(2));
    }
    return words.toArray(new String[0]);
  }
}
