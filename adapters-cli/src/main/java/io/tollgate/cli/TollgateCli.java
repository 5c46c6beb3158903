package io.tollgate.cli;

import picocli.CommandLine;
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

  private TollgateCli() {}

  /** A fully configured command line writing to {@code env}'s streams; run it with execute. */
  public static CommandLine commandLine(
      CliEnvironment env, ServerLauncher launcher, LocalStores stores) {
    CliContext context = new CliContext(env, launcher, stores);
    CommandLine cmd = new CommandLine(TollgateCommand.class, new CommandFactory(context));
    cmd.setOut(env.out());
    cmd.setErr(env.err());
    cmd.setColorScheme(Help.defaultColorScheme(env.colour() ? Help.Ansi.ON : Help.Ansi.OFF));
    cmd.setCaseInsensitiveEnumValuesAllowed(true);
    cmd.setDefaultValueProvider(new EnvironmentDefaults(env));
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
      return commandLine(env, launcher, stores).execute(args);
    } finally {
      env.out().flush();
      env.err().flush();
    }
  }
}
