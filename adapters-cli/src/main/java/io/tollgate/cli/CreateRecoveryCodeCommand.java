package io.tollgate.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "recovery-code",
    description = {
      "Create a one-time recovery code on the server, to write down and keep offline.",
      "While a code exists, the recovery listener (tollgate serve --admin-token-recovery-http-bind)"
          + " regenerates the operator token only for a request that presents it, and the code is"
          + " spent on use. A new code replaces the previous one. Needs an admin token."
    },
    sortOptions = false,
    footerHeading = "%nExamples:%n",
    footer = {
      "  tollgate create recovery-code --token \"$TOLLGATE_AUTH_TOKEN\"",
      "  tollgate create recovery-code --format json | jq -r .recovery_code"
    })
final class CreateRecoveryCodeCommand implements Callable<Integer> {

  static final String TITLE = "New recovery code created successfully!";
  static final String IMPORTANT =
      "Write this code down and keep it offline: it is shown only once. The recovery listener"
          + " (tollgate serve --admin-token-recovery-http-bind) demands it to regenerate the"
          + " operator token, and it is spent on use. Creating a new code replaces this one.";

  private static final String UNDERLINE = "\u001B[4m";
  private static final String BOLD = "\u001B[1m";
  private static final String BOLD_RED = "\u001B[1;31m";
  private static final String RESET = "\u001B[0m";

  private final CliContext context;

  @Spec CommandSpec spec;

  @Mixin HelpOption help;

  @Option(
      names = "--format",
      converter = Converters.TokenFormats.class,
      paramLabel = "FORMAT",
      description = "Output format: ${COMPLETION-CANDIDATES} (default: text).")
  TokenOutputFormat format;

  @Mixin ClientOptions client;

  CreateRecoveryCodeCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    String code = new TokenApiClient(client.settings()).createRecoveryCode();
    PrintWriter out = spec.commandLine().getOut();
    if (format == TokenOutputFormat.JSON) {
      out.print(
          "{\n  \"recovery_code\": "
              + CliJson.quote(code)
              + ",\n  \"help_msg\": "
              + CliJson.quote(IMPORTANT)
              + "\n}\n");
    } else {
      out.print(
          "\n"
              + style(UNDERLINE, TITLE)
              + "\n\n"
              + style(BOLD, "Recovery code:")
              + " "
              + code
              + "\n\n"
              + style(BOLD_RED, "IMPORTANT:")
              + " "
              + IMPORTANT
              + "\n");
    }
    out.flush();
    return 0;
  }

  private String style(String code, String text) {
    return context.env().colour() ? code + text + RESET : text;
  }
}
