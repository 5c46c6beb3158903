package io.tollgate.cli;

import java.io.PrintWriter;
import java.util.LinkedHashSet;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "tollgate",
    versionProvider = VersionProvider.class,
    description = {
      "Admin-token authority compatible with InfluxDB 3 Core's token API and CLI.",
      "Every 'influxdb3 create|delete|show token' command works with 'tollgate' instead."
    },
    synopsisSubcommandLabel = "COMMAND",
    footerHeading = "%nExamples:%n",
    footer = {
      "  tollgate serve --data-dir ~/.tollgate",
      "  tollgate create token --admin",
      "  export TOLLGATE_AUTH_TOKEN=apiv3_...",
      "  tollgate show tokens",
      "  tollgate backup --output ~/tollgate-backup.db",
      "  tollgate recovery create-operator   # offline, with the server stopped",
      "",
      "Exit codes: 0 success, 1 server, network, file or store error, 2 usage error."
    })
final class TollgateCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin HelpOption help;

  @Option(
      names = {"-V", "--version"},
      versionHelp = true,
      description = "Print the version and exit.")
  boolean version;

  @Option(
      names = "--help-all",
      description = "Print the full help of every command, one after the other, and exit.")
  boolean helpAll;

  @Override
  public Integer call() {
    if (helpAll) {
      PrintWriter out = spec.commandLine().getOut();
      printAll(spec.commandLine(), out);
      out.flush();
      return 0;
    }
    PrintWriter err = spec.commandLine().getErr();
    err.println("error: missing command");
    spec.commandLine().usage(err);
    err.flush();
    return ErrorHandlers.EXIT_USAGE;
  }

  /** {@code command}'s help, then each subcommand's, depth first, each under a heading line. */
  private static void printAll(CommandLine command, PrintWriter out) {
    String name = command.getCommandSpec().qualifiedName();
    out.println("=".repeat(name.length()));
    out.println(name);
    out.println("=".repeat(name.length()));
    command.usage(out);
    out.println();
    for (CommandLine sub : new LinkedHashSet<>(command.getSubcommands().values())) {
      printAll(sub, out);
    }
  }
}
