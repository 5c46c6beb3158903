package io.tollgate.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs the packaged {@code tollgate.jar} as a separate process, as a user would. */
final class TollgateProcess {

  static final Path JAR = Path.of(System.getProperty("tollgate.jar", "target/tollgate.jar"));
  private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");
  private static final Pattern LISTENING =
      Pattern.compile("Tollgate listening on (https?://[^\\s\"]+)");

  record Result(int exitCode, String stdout, String stderr) {}

  /**
   * A prefix that gives the child SIGHUP's default disposition: a test run started with SIGHUP
   * ignored ({@code nohup}, some CI runners) passes that on to every child, and the JVM then leaves
   * the signal alone, so the tests of reloading on SIGHUP would fail for the way they were started.
   * Empty where {@code env} cannot do it ({@code env --default-signal}, GNU coreutils 8.31+).
   */
  private static final List<String> SIGNALS_AS_DEFAULT = signalsAsDefault();

  private TollgateProcess() {}

  private static List<String> signalsAsDefault() {
    List<String> prefix = List.of("env", "--default-signal=HUP");
    try {
      List<String> probe = new ArrayList<>(prefix);
      probe.add("true");
      Process process = new ProcessBuilder(probe).redirectErrorStream(true).start();
      process.getInputStream().readAllBytes();
      return process.waitFor() == 0 ? prefix : List.of();
    } catch (java.io.IOException e) {
      return List.of();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return List.of();
    }
  }

  static ProcessBuilder builder(Map<String, String> env, String... args) {
    List<String> command = new ArrayList<>(SIGNALS_AS_DEFAULT);
    command.add(JAVA.toString());
    command.addAll(launcherJvmOptions());
    command.addAll(List.of("-jar", JAR.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    Map<String, String> environment = builder.environment();
    environment.keySet().removeIf(k -> k.startsWith("TOLLGATE_") || k.startsWith("INFLUXDB3_"));
    environment.put("NO_COLOR", "1");
    environment.putAll(env);
    return builder;
  }

  /**
   * The JVM options the {@code tollgate} launcher passes on this JDK, so that the child prints what
   * a user sees: on 22+ native access for sqlite-jdbc and Argon2, on 24+ sun.misc.Unsafe for Guava,
   * each without the JVM's warning lines on stderr.
   */
  static List<String> launcherJvmOptions() {
    int feature = Runtime.version().feature();
    List<String> options = new ArrayList<>();
    if (feature >= 22) {
      options.add("--enable-native-access=ALL-UNNAMED");
    }
    if (feature >= 24) {
      options.add("--sun-misc-unsafe-memory-access=allow");
    }
    return options;
  }

  /** Runs a command to completion, feeding {@code stdin}. */
  static Result runWithInput(Map<String, String> env, String stdin, String... args)
      throws IOException, InterruptedException {
    Process process = builder(env, args).start();
    CompletableFuture<String> out = drain(process.getInputStream());
    CompletableFuture<String> err = drain(process.getErrorStream());
    try (var in = process.getOutputStream()) {
      in.write(stdin.getBytes(StandardCharsets.UTF_8));
    }
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("tollgate " + String.join(" ", args) + " did not finish");
    }
    return new Result(process.exitValue(), out.join(), err.join());
  }

  static Result run(Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    return runWithInput(env, "", args);
  }

  /**
   * Reads a stream to its end on a thread of its own. Not on the common pool: a server's stdout is
   * drained for as long as it runs, and on two cores the common pool has a single worker that this
   * would occupy, leaving every later drain queued behind it (seen on JDK 25).
   */
  private static CompletableFuture<String> drain(java.io.InputStream stream) {
    CompletableFuture<String> text = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
              try {
                text.complete(new String(stream.readAllBytes(), StandardCharsets.UTF_8));
              } catch (IOException e) {
                text.complete("");
              }
            },
            "drain");
    reader.setDaemon(true);
    reader.start();
    return text;
  }

  /** A {@code tollgate serve} process; {@link #close()} sends SIGTERM and waits. */
  static final class Server implements AutoCloseable {

    final Process process;
    final String url;
    private final StringBuffer log;

    private Server(Process process, String url, StringBuffer log) {
      this.process = process;
      this.url = url;
      this.log = log;
    }

    static Server start(Path dataDir, String... extraArgs) throws IOException {
      List<String> args =
          new ArrayList<>(
              List.of("serve", "--data-dir", dataDir.toString(), "--http-bind", "127.0.0.1:0"));
      args.addAll(List.of(extraArgs));
      Process process = builder(new HashMap<>(), args.toArray(String[]::new)).start();
      process.getOutputStream().close();
      StringBuffer log = new StringBuffer();
      CompletableFuture<String> url = new CompletableFuture<>();
      Thread reader =
          new Thread(
              () -> {
                try (BufferedReader lines =
                    new BufferedReader(
                        new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                  String line;
                  while ((line = lines.readLine()) != null) {
                    log.append(line).append('\n');
                    // in --log-format json the encoder writes "/" as "\/"
                    Matcher m = LISTENING.matcher(line.replace("\\/", "/"));
                    if (m.find()) {
                      url.complete(m.group(1));
                    }
                  }
                } catch (IOException e) {
                  // the process ended
                }
                url.completeExceptionally(new AssertionError("server exited:\n" + log));
              });
      reader.setDaemon(true);
      reader.start();
      drain(process.getInputStream());
      try {
        return new Server(process, url.get(30, TimeUnit.SECONDS), log);
      } catch (Exception e) {
        process.destroyForcibly();
        throw new AssertionError("server did not start:\n" + log, e);
      }
    }

    String log() {
      return log.toString();
    }

    /** SIGTERM, then the exit code. */
    int stop() throws InterruptedException {
      process.destroy();
      if (!process.waitFor(Duration.ofSeconds(20).toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("server did not stop on SIGTERM:\n" + log);
      }
      return process.exitValue();
    }

    /** Stops the server; an interrupt while waiting kills it and keeps the thread interrupted. */
    @Override
    public void close() {
      if (process.isAlive()) {
        try {
          stop();
        } catch (InterruptedException e) {
          process.destroyForcibly();
          Thread.currentThread().interrupt();
        }
      }
    }
  }
}
