package io.tollgate.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
    name = "update",
    description = "Update a token.",
    synopsisSubcommandLabel = "COMMAND",
    subcommands = UpdateTokenCommand.class,
    footerHeading = "%nExample:%n",
    footer = "  tollgate update token --token-name ci-bot --status inactive")
final class UpdateCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin HelpOption help;

  @Override
  public Integer call() {
    throw new ParameterException(
        spec.commandLine(),
        "missing subcommand, e.g. 'tollgate update token --token-name ci-bot --status inactive'");
  }
}
