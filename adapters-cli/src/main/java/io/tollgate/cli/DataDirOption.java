package io.tollgate.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --data-dir} of the offline commands, defaulting exactly as {@code serve}'s does. */
final class DataDirOption {

  @Env({"TOLLGATE_DATA_DIR", "INFLUXDB3_DB_DIR"})
  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description = "Data directory; the database is DIR/tollgate.db (default: ~/.tollgate).")
  String dataDir;

  /** The directory: the option, else its {@link Env} variables, else {@code ~/.tollgate}. */
  Path resolve(CliEnvironment env) {
    Path home = env.userHome();
    return dataDir == null ? home.resolve(".tollgate") : Converters.expandHome(dataDir, home);
  }
}
