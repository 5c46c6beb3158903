package io.tollgate.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
    name = "list",
    description = {
      "List the tokens stored in the data directory (never their secrets), with the columns of"
          + " 'tollgate show tokens', read from the database file itself: no server or token is"
          + " needed.",
      "Safe while a server runs: it reads over a read-only connection, takes no lock and changes"
          + " nothing, and shows the last committed state."
    },
    sortOptions = false,
    footerHeading = "%nExamples:%n",
    footer = {
      "  tollgate recovery list",
      "  tollgate recovery list --data-dir /var/lib/tollgate --format json | jq ."
    })
final class RecoveryListCommand implements Callable<Integer> {

  private final CliContext context;

  @Spec CommandSpec spec;

  @Mixin HelpOption help;

  @Mixin DataDirOption dataDir;

  @Option(
      names = "--format",
      converter = Converters.QueryFormats.class,
      paramLabel = "FORMAT",
      defaultValue = "pretty",
      description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  ShowTokensCommand.Format format;

  RecoveryListCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    if (format == ShowTokensCommand.Format.PARQUET) {
      throw new ParameterException(
          spec.commandLine(), "--format parquet is not available here: use csv or json");
    }
    Path dir = dataDir.resolve(context.env());
    String body =
        new TokenTable()
            .render(context.stores().list(dir), format, TerminalWidth.of(context.env()));
    PrintWriter out = spec.commandLine().getOut();
    out.print(body);
    if (!body.isEmpty() && !body.endsWith("\n")) {
      out.println();
    }
    out.flush();
    return 0;
  }
}
