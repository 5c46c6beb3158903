package io.tollgate.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Runs the CLI in-process against captured streams, a fixed clock and a scripted environment. */
final class CliRunner {

  static final Instant NOW = Instant.parse("2025-04-18T14:02:45.331Z");

  record Result(int exitCode, String out, String err) {}

  private final Map<String, String> env = new HashMap<>();
  private final Path home;
  private final List<ServeOptions> launched = new ArrayList<>();
  private String stdin = "";
  private boolean terminal;
  private ServerLauncher launcher = this::recordLaunch;
  private FakeLocalStores stores = new FakeLocalStores();

  CliRunner(Path home) {
    this.home = home;
  }

  CliRunner env(String name, String value) {
    env.put(name, value);
    return this;
  }

  CliRunner stdin(String text) {
    this.stdin = text;
    return this;
  }

  CliRunner terminal(boolean terminal) {
    this.terminal = terminal;
    return this;
  }

  CliRunner launcher(ServerLauncher launcher) {
    this.launcher = launcher;
    return this;
  }

  CliRunner stores(FakeLocalStores stores) {
    this.stores = stores;
    return this;
  }

  /** The recording store operations the offline commands call. */
  FakeLocalStores stores() {
    return stores;
  }

  /** The options every {@code serve} run handed to the recording launcher. */
  List<ServeOptions> launched() {
    return launched;
  }

  Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CliEnvironment environment =
        new CliEnvironment(
            env,
            new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            terminal,
            Clock.fixed(NOW, ZoneOffset.UTC),
            home);
    int exitCode = TollgateCli.execute(environment, launcher, stores, args);
    return new Result(exitCode, out.toString(), err.toString());
  }

  private RunningServer recordLaunch(ServeOptions options) {
    launched.add(options);
    return new RunningServer() {
      @Override
      public void awaitShutdown() {}

      @Override
      public void close() {}
    };
  }
}
