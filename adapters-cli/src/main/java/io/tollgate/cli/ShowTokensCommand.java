package io.tollgate.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "tokens",
    description = {
      "List the tokens (never their secrets), as 'SELECT * FROM system.tokens' on the _internal"
          + " database."
    },
    sortOptions = false,
    footerHeading = "%nExamples:%n",
    footer = {"  tollgate show tokens", "  tollgate show tokens --format json | jq ."})
final class ShowTokensCommand implements Callable<Integer> {

  /** The formats {@code /api/v3/query_sql} returns. */
  enum Format {
    PRETTY,
    JSON,
    JSONL,
    CSV;

    /**
     * What the server sent, safe for a terminal ({@link TerminalText}): JSON keeps its meaning with
     * unsafe characters escaped; pretty and CSV lose them.
     */
    String printable(String body) {
      return this == JSON || this == JSONL
          ? TerminalText.escapedForJson(body)
          : TerminalText.printable(body);
    }

    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  @Spec CommandSpec spec;

  @Mixin HelpOption help;

  @Option(
      names = "--format",
      converter = Converters.QueryFormats.class,
      paramLabel = "FORMAT",
      defaultValue = "pretty",
      description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Format format;

  @Mixin ClientOptions client;

  @Override
  public Integer call() {
    String body = new TokenApiClient(client.settings()).showTokens(format.toString());
    PrintWriter out = spec.commandLine().getOut();
    out.print(format.printable(body));
    if (!body.isEmpty() && !body.endsWith("\n")) {
      out.println();
    }
    out.flush();
    return 0;
  }
}
