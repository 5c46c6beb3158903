package io.tollgate.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
    name = "store",
    description = {"Work on whole stores without a server: copy one into another."},
    synopsisSubcommandLabel = "COMMAND",
    subcommands = {StoreCopyCommand.class},
    footerHeading = "%nExamples:%n",
    footer = {
      "  tollgate store copy --from ~/.tollgate --to postgresql://tollgate@db.example:5432/tollgate"
    })
final class StoreCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin HelpOption help;

  @Override
  public Integer call() {
    throw new ParameterException(
        spec.commandLine(), "missing subcommand, e.g. 'tollgate store copy'");
  }
}
