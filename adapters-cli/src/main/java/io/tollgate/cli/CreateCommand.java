package io.tollgate.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
    name = "create",
    description = "Create a token, or a recovery code for the recovery listener.",
    synopsisSubcommandLabel = "COMMAND",
    subcommands = {CreateTokenCommand.class, CreateRecoveryCodeCommand.class},
    footerHeading = "%nExample:%n",
    footer = {"  tollgate create token --admin", "  tollgate create recovery-code"})
final class CreateCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin HelpOption help;

  @Override
  public Integer call() {
    throw new ParameterException(
        spec.commandLine(), "missing subcommand, e.g. 'tollgate create token --admin'");
  }
}
