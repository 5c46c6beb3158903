package io.tollgate.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
    name = "recovery",
    description = {
      "Offline recovery on the data directory itself, without a server or a token (like 'influxd"
          + " recovery auth')."
    },
    synopsisSubcommandLabel = "COMMAND",
    subcommands = {RecoveryListCommand.class, RecoveryCreateOperatorCommand.class},
    footerHeading = "%nExamples:%n",
    footer = {
      "  tollgate recovery list --data-dir /var/lib/tollgate",
      "  tollgate recovery create-operator --data-dir /var/lib/tollgate"
    })
final class RecoveryCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin HelpOption help;

  @Override
  public Integer call() {
    throw new ParameterException(
        spec.commandLine(), "missing subcommand, e.g. 'tollgate recovery list'");
  }
}
