package io.tollgate.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
    name = "show",
    description = "Show tokens or the audit trail.",
    synopsisSubcommandLabel = "COMMAND",
    subcommands = {ShowTokensCommand.class, ShowAuditCommand.class},
    footerHeading = "%nExample:%n",
    footer = "  tollgate show tokens --format json")
final class ShowCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin HelpOption help;

  @Override
  public Integer call() {
    throw new ParameterException(
        spec.commandLine(), "missing subcommand, e.g. 'tollgate show tokens --format json'");
  }
}
