package io.tollgate.cli;

import java.util.Objects;

/** What every command is constructed with: the process environment and the server launcher. */
record CliContext(CliEnvironment env, ServerLauncher launcher) {

  CliContext {
    Objects.requireNonNull(env, "env");
    Objects.requireNonNull(launcher, "launcher");
  }
}
