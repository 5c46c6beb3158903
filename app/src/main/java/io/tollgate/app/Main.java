package io.tollgate.app;

import io.tollgate.cli.CliEnvironment;
import io.tollgate.cli.TollgateCli;

/** The {@code tollgate} executable: the CLI, with {@code serve} wired to the real server. */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    Logging.configureForCommandLine();
    int exitCode = TollgateCli.execute(CliEnvironment.system(), new TollgateServerLauncher(), args);
    System.exit(exitCode);
  }
}
