package io.tollgate.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
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

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    err.println("error: missing command");
    spec.commandLine().usage(err);
    err.flush();
    return ErrorHandlers.EXIT_USAGE;
  }
}
