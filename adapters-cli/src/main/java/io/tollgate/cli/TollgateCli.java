package io.tollgate.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;

/**
 * The {@code tollgate} command line. {@code app}'s {@code main} calls {@link
 * #execute(CliEnvironment, ServerLauncher, LocalStores, String...)} with {@link
 * CliEnvironment#system()} and passes the result to {@code System.exit}.
 *
 * <p>Exit codes: 0 success, 1 a server, network or file error, 2 a usage error.
 */
public final class TollgateCli {

  public static final int EXIT_OK = 0;
  public static final int EXIT_FAILURE = ErrorHandlers.EXIT_FAILURE;
  public static final int EXIT_USAGE = ErrorHandlers.EXIT_USAGE;

  /** The subcommands of {@code tollgate}, in the order its help lists them. */
  static final List<Class<?>> SUBCOMMANDS =
      List.of(
          ServeCommand.class,
          CreateCommand.class,
          DeleteCommand.class,
          ShowCommand.class,
          UpdateCommand.class,
          RecoveryCommand.class,
          BackupCommand.class,
          RestoreCommand.class,
          StoreCommand.class,
          CompletionCommand.class);

  private TollgateCli() {}

  /** A fully configured command line writing to {@code env}'s streams; run it with execute. */
  public static CommandLine commandLine(
      CliEnvironment env, ServerLauncher launcher, LocalStores stores) {
    return commandLine(env, launcher, stores, SUBCOMMANDS);
  }

  /**
   * The command line {@code args} need: picocli builds a command's whole tree by reflection up
   * front, a good part of every CLI call's start-up, so {@code tollgate create …} gets only {@code
   * create}'s subtree and {@code tollgate --version} none. Help, completion, bare {@code tollgate}
   * and anything unrecognised get the whole tree, so every message and suggestion is unchanged.
   */
  static List<Class<?>> subcommandsFor(String... args) {
    if (args.length == 1 && (args[0].equals("-V") || args[0].equals("--version"))) {
      return List.of();
    }
    if (args.length == 0 || args[0].equals("completion")) {
      return SUBCOMMANDS;
    }
    for (Class<?> subcommand : SUBCOMMANDS) {
      if (subcommand.getAnnotation(Command.class).name().equals(args[0])) {
        return List.of(subcommand);
      }
    }
    return SUBCOMMANDS;
  }

  private static CommandLine commandLine(
      CliEnvironment env, ServerLauncher launcher, LocalStores stores, List<Class<?>> subcommands) {
    CliContext context = new CliContext(env, launcher, stores);
    CommandLine cmd = new CommandLine(TollgateCommand.class, new CommandFactory(context));
    for (Class<?> subcommand : subcommands) {
      cmd.addSubcommand(subcommand);
    }
    cmd.setOut(env.out());
    cmd.setErr(env.err());
    cmd.setColorScheme(Help.defaultColorScheme(env.colour() ? Help.Ansi.ON : Help.Ansi.OFF));
    cmd.setCaseInsensitiveEnumValuesAllowed(true);
    cmd.setDefaultValueProvider(new EnvDefaultProvider(env));
    cmd.setHelpFactory(new EnvHelp());
    cmd.setParameterExceptionHandler(new ErrorHandlers.Usage());
    cmd.setExecutionExceptionHandler(new ErrorHandlers.Execution());
    cmd.setUsageHelpAutoWidth(false);
    cmd.setUsageHelpWidth(100);
    return cmd;
  }

  /** Runs one command and returns its exit code; output is flushed before returning. */
  public static int execute(
      CliEnvironment env, ServerLauncher launcher, LocalStores stores, String... args) {
    try {
      return commandLine(env, launcher, stores, subcommandsFor(args)).execute(args);
    } finally {
      env.out().flush();
      env.err().flush();
    }
  }
}
