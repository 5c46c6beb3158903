package io.tollgate.cli;

import io.tollgate.core.domain.IssuedToken;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "create-operator",
    description = {
      "Create the operator token (_admin) in the data directory, or regenerate it if it exists,"
          + " without a server or a token: for when every admin token is lost.",
      "Only while no server uses the data directory: stop the server first (a running server"
          + " holds the directory's lock and the command is refused). The previous operator token"
          + " stops working; named admin tokens are untouched. The change is recorded in the audit"
          + " log as offline recovery, and the new token is printed once."
    },
    sortOptions = false,
    footerHeading = "%nExamples:%n",
    footer = {
      "  tollgate recovery create-operator --data-dir /var/lib/tollgate",
      "  tollgate recovery create-operator --format json | jq -r .token"
    })
final class RecoveryCreateOperatorCommand implements Callable<Integer> {

  private final CliContext context;

  @Spec CommandSpec spec;

  @Mixin HelpOption help;

  @Mixin DataDirOption dataDir;

  @Option(
      names = "--format",
      converter = Converters.TokenFormats.class,
      paramLabel = "FORMAT",
      description = "Output format: ${COMPLETION-CANDIDATES} (default: text).")
  TokenOutputFormat format;

  RecoveryCreateOperatorCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    Path dir = dataDir.resolve(context.env());
    IssuedToken issued = context.stores().createOrRegenerateOperator(dir);
    new TokenPrinter(context.env().colour())
        .print(
            spec.commandLine().getOut(),
            issued.secret().value(),
            format == null ? TokenOutputFormat.TEXT : format);
    PrintWriter err = spec.commandLine().getErr();
    if (issued.token().updatedAt() == null) {
      err.println("Created the operator token _admin in " + dir + ".");
    } else {
      err.println(
          "Regenerated the operator token _admin in "
              + dir
              + "; the previous operator token no longer works.");
    }
    err.flush();
    return 0;
  }
}
