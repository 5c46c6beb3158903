package io.tollgate.cli;

import io.tollgate.core.domain.InvalidInputException;
import io.tollgate.core.domain.TokenName;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
    name = "token",
    description = {
      "Delete a named admin token. The operator token (_admin) cannot be deleted: regenerate it"
          + " instead."
    },
    sortOptions = false,
    footerHeading = "%nExamples:%n",
    footer = {
      "  tollgate delete token --token-name ci-bot",
      "  tollgate delete token --token-name ci-bot --yes --token \"$TOLLGATE_AUTH_TOKEN\""
    })
final class DeleteTokenCommand implements Callable<Integer> {

  static final String OPERATOR_REFUSAL = "cannot delete operator token";
  static final String OPERATOR_HINT =
      "to regenerate an operator token, use `tollgate create token --admin --regenerate`";

  private final CliContext context;

  @Spec CommandSpec spec;

  @Mixin HelpOption help;

  @Option(
      names = "--token-name",
      required = true,
      paramLabel = "NAME",
      description = "Name of the token to delete.")
  String tokenName;

  @Option(names = "--yes", description = "Do not ask for confirmation.")
  boolean yes;

  @Mixin ClientOptions client;

  DeleteTokenCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    TokenName name;
    try {
      name = TokenName.of(tokenName);
    } catch (InvalidInputException e) {
      throw new ParameterException(spec.commandLine(), "--token-name: " + e.getMessage());
    }
    if (name.isOperator()) {
      throw new CliFailure(OPERATOR_REFUSAL, OPERATOR_HINT, null);
    }
    ClientSettings settings = client.settings();
    if (!yes) {
      new Confirmation(context.env(), spec.commandLine().getErr())
          .require(
              "Are you sure you want to delete \"" + name.value() + "\"? Enter 'yes' to confirm",
              Set.of("yes", "y"),
              "Cannot delete token without confirmation");
    }
    new TokenApiClient(settings).deleteToken(name.value());
    spec.commandLine().getOut().println("Token \"" + name.value() + "\" deleted successfully");
    return 0;
  }
}
