package io.tollgate.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --data-dir} of the offline commands, defaulting exactly as {@code serve}'s does. */
final class DataDirOption {

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description =
          "Data directory; the database is DIR/tollgate.db (default: ~/.tollgate; env:"
              + " TOLLGATE_DATA_DIR).")
  String dataDir;

  /** The directory: the option, else {@code TOLLGATE_DATA_DIR}, else {@code ~/.tollgate}. */
  Path resolve(CliEnvironment env) {
    Path home = env.userHome();
    return dataDir == null ? home.resolve(".tollgate") : Converters.expandHome(dataDir, home);
  }
}
