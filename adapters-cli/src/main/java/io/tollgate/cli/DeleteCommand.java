package io.tollgate.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
    name = "delete",
    description = "Delete a token.",
    synopsisSubcommandLabel = "COMMAND",
    subcommands = DeleteTokenCommand.class,
    footerHeading = "%nExample:%n",
    footer = "  tollgate delete token --token-name ci-bot")
final class DeleteCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin HelpOption help;

  @Override
  public Integer call() {
    throw new ParameterException(
        spec.commandLine(), "missing subcommand, e.g. 'tollgate delete token --token-name ci-bot'");
  }
}
