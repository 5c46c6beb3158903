package io.tollgate.app;

import io.tollgate.cli.CliEnvironment;
import io.tollgate.cli.TollgateCli;

/**
 * The {@code tollgate} executable: the CLI, with {@code serve} wired to the real server. Logging is
 * not touched here: CLI commands log nothing, so logback starts only when something logs (the
 * server), at WARN (see {@link LogbackSetup}) until {@code serve} sets its level.
 */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    int exitCode =
        TollgateCli.execute(
            CliEnvironment.system(), new TollgateServerLauncher(), new SqliteLocalStores(), args);
    System.exit(exitCode);
  }
}
