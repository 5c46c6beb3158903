package io.tollgate.cli;

import java.util.Objects;

/**
 * What every command is constructed with: the process environment, the server launcher and the
 * offline operations on a data directory.
 */
record CliContext(CliEnvironment env, ServerLauncher launcher, LocalStores stores) {

  CliContext {
    Objects.requireNonNull(env, "env");
    Objects.requireNonNull(launcher, "launcher");
    Objects.requireNonNull(stores, "stores");
  }
}
