package io.tollgate.cli;

import io.tollgate.core.domain.Description;
import io.tollgate.core.domain.InvalidInputException;
import io.tollgate.core.domain.TokenName;
import io.tollgate.core.domain.TokenStatus;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
    name = "token",
    description = "Change a token's description or status (an inactive token cannot authenticate).",
    sortOptions = false,
    footerHeading = "%nExamples:%n",
    footer = {
      "  tollgate update token --token-name ci-bot --status inactive",
      "  tollgate update token --token-name ci-bot --description \"CI pipeline\""
    })
final class UpdateTokenCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin HelpOption help;

  @Option(
      names = "--token-name",
      required = true,
      paramLabel = "NAME",
      description = "Name of the token to update.")
  String tokenName;

  @Option(names = "--description", paramLabel = "TEXT", description = "New description.")
  String description;

  @Option(
      names = "--status",
      paramLabel = "STATUS",
      description = "New status: active or inactive.")
  String status;

  @Mixin ClientOptions client;

  @Override
  public Integer call() {
    TokenName name;
    Optional<String> newDescription;
    Optional<String> newStatus;
    try {
      name = TokenName.of(tokenName);
      newDescription = Optional.ofNullable(description).map(d -> Description.of(d).value());
      newStatus = Optional.ofNullable(status).map(s -> TokenStatus.fromWireName(s).wireName());
    } catch (InvalidInputException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    if (newDescription.isEmpty() && newStatus.isEmpty()) {
      throw new ParameterException(
          spec.commandLine(), "nothing to update: give --description and/or --status");
    }
    new TokenApiClient(client.settings()).updateToken(name.value(), newDescription, newStatus);
    spec.commandLine().getOut().println("Token \"" + name.value() + "\" updated successfully");
    return 0;
  }
}
