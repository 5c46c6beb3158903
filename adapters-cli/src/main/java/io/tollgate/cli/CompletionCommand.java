package io.tollgate.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "completion",
    description = "Print a shell completion script (bash; also works in zsh with bashcompinit).",
    footerHeading = "%nExamples:%n",
    footer = {
      "  source <(tollgate completion bash)",
      "  tollgate completion bash > /etc/bash_completion.d/tollgate"
    })
final class CompletionCommand implements Callable<Integer> {

  /** The shells a script can be generated for. */
  enum Shell {
    bash
  }

  @Spec CommandSpec spec;

  @Mixin HelpOption help;

  @Parameters(paramLabel = "SHELL", description = "Shell: ${COMPLETION-CANDIDATES}.")
  Shell shell;

  @Override
  public Integer call() {
    spec.commandLine().getOut().print(AutoComplete.bash("tollgate", spec.root().commandLine()));
    spec.commandLine().getOut().flush();
    return 0;
  }
}
