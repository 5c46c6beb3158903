package io.tollgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.cli.CliRunner.Result;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

class TollgateCliTest {

  @TempDir Path home;

  @Test
  void version_printsTheProjectVersion() {
    Result result = new CliRunner(home).run("--version");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).matches("tollgate \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\n");
  }

  @ParameterizedTest(name = "tollgate {0} --help")
  @ValueSource(
      strings = {
        "",
        "serve",
        "create",
        "create token",
        "delete",
        "delete token",
        "show",
        "show tokens",
        "update",
        "update token",
        "create recovery-code",
        "recovery",
        "recovery list",
        "recovery create-operator",
        "backup",
        "restore",
        "completion"
      })
  void help_onEveryCommandExitsZeroWithUsageAndAnExample(String command) {
    String[] args = (command + " --help").trim().split(" ");

    Result result = new CliRunner(home).run(args);

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).startsWith("Usage: tollgate").containsPattern("Examples?:\n  \\S");
    assertThat(result.err()).isEmpty();
  }

  @Test
  void help_isPlainWhenNotATerminal_andColouredOnATerminalUnlessNoColor() {
    assertThat(new CliRunner(home).run("--help").out()).doesNotContain("\u001B[");
    assertThat(new CliRunner(home).terminal(true).run("--help").out()).contains("\u001B[");
    assertThat(new CliRunner(home).terminal(true).env("NO_COLOR", "1").run("--help").out())
        .doesNotContain("\u001B[");
  }

  @Test
  void completionBash_printsAScriptCoveringTheCommands() {
    Result result = new CliRunner(home).run("completion", "bash");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out())
        .startsWith("#!/usr/bin/env bash")
        .contains("complete -F _complete_tollgate")
        .contains("--admin")
        .contains("--regenerate")
        .contains("--token-name")
        .contains("--http-bind");
  }

  @Test
  void topLevelHelp_listsEverySubcommand() {
    String help = new CliRunner(home).run("--help").out();

    for (String name :
        new String[] {
          "serve",
          "create",
          "delete",
          "show",
          "update",
          "recovery",
          "backup",
          "restore",
          "completion"
        }) {
      assertThat(help).containsPattern("\\n  " + name + " ");
    }
  }

  @Test
  void helpAll_printsTheFullHelpOfEveryCommandInTheTree() {
    Result result = new CliRunner(home).run("--help-all");

    assertThat(result.exitCode()).as(result.err()).isZero();
    List<CommandLine> all = new ArrayList<>();
    collect(commandLine(), all);
    assertThat(all).hasSizeGreaterThan(15);
    for (CommandLine command : all) {
      assertThat(result.out())
          .as(command.getCommandSpec().qualifiedName())
          .contains(command.getCommandSpec().qualifiedName() + "\n")
          .contains(command.getUsageMessage(CommandLine.Help.Ansi.OFF));
    }
  }

  private static void collect(CommandLine command, List<CommandLine> all) {
    all.add(command);
    new LinkedHashSet<>(command.getSubcommands().values()).forEach(sub -> collect(sub, all));
  }

  private CommandLine commandLine() {
    CliEnvironment env =
        new CliEnvironment(
            Map.of(),
            new ByteArrayInputStream(new byte[0]),
            new PrintWriter(new StringWriter()),
            new PrintWriter(new StringWriter()),
            false,
            Clock.systemUTC(),
            home);
    return TollgateCli.commandLine(env, options -> null, new FakeLocalStores());
  }

  @Test
  void subcommandsFor_buildsOnlyTheTreeTheArgumentsNeed() {
    assertThat(TollgateCli.subcommandsFor("--version")).isEmpty();
    assertThat(TollgateCli.subcommandsFor("-V")).isEmpty();
    assertThat(TollgateCli.subcommandsFor("create", "token", "--admin"))
        .containsExactly(CreateCommand.class);
    assertThat(TollgateCli.subcommandsFor("restore", "--input", "f"))
        .containsExactly(RestoreCommand.class);
    assertThat(TollgateCli.subcommandsFor()).isEqualTo(TollgateCli.SUBCOMMANDS);
    assertThat(TollgateCli.subcommandsFor("--help")).isEqualTo(TollgateCli.SUBCOMMANDS);
    assertThat(TollgateCli.subcommandsFor("--version", "serve")).isEqualTo(TollgateCli.SUBCOMMANDS);
    assertThat(TollgateCli.subcommandsFor("completion", "bash")).isEqualTo(TollgateCli.SUBCOMMANDS);
    assertThat(TollgateCli.subcommandsFor("creat", "token")).isEqualTo(TollgateCli.SUBCOMMANDS);
  }

  @Test
  void unknownCommand_stillSuggestsTheCloseOne() {
    Result result = new CliRunner(home).run("creat", "token");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("Did you mean").contains("create");
  }
}
