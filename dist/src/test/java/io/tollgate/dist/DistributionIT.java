package io.tollgate.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release archive as a user gets it: unpacked into an empty directory and run with a PATH that
 * holds no {@code java} (only a shell and {@code readlink}), no JAVA_HOME, no Maven and no source
 * tree, from a working directory outside the build.
 */
class DistributionIT {

  private static final Path ARCHIVE = Path.of(System.getProperty("tollgate.dist"));
  private static final String VERSION = System.getProperty("tollgate.version");
  private static final Pattern LISTENING = Pattern.compile("Tollgate listening on (\\S+)");
  private static final Pattern TOKEN = Pattern.compile("apiv3_[A-Za-z0-9_-]+");

  @TempDir static Path dir;
  private static Path home;
  private static Path tools;
  private static Process server;
  private static String serverUrl;

  @BeforeAll
  static void unpackAndServe() throws Exception {
    assertThat(ARCHIVE).as("built by this module's package phase").isRegularFile();
    Process tar =
        new ProcessBuilder("tar", "-xzf", ARCHIVE.toString(), "-C", dir.toString())
            .inheritIO()
            .start();
    assertThat(tar.waitFor()).isZero();
    home = dir.resolve("tollgate-" + VERSION);

    // the only commands on the PATH: copies of a shell and of readlink
    tools = Files.createDirectories(dir.resolve("tools"));
    for (String tool : List.of("sh", "readlink")) {
      Files.copy(which(tool), tools.resolve(tool), StandardCopyOption.COPY_ATTRIBUTES);
    }
    Files.createSymbolicLink(tools.resolve("tollgate"), home.resolve("bin/tollgate"));

    ProcessBuilder serve =
        tollgate(
                "serve", "--data-dir", dir.resolve("data").toString(), "--http-bind", "127.0.0.1:0")
            .redirectErrorStream(true);
    server = serve.start();
    serverUrl = awaitListening(server);
  }

  @AfterAll
  static void stopServer() throws InterruptedException {
    if (server != null) {
      server.destroy();
      if (!server.waitFor(30, TimeUnit.SECONDS)) {
        server.destroyForcibly();
      }
    }
  }

  @Test
  void archive_holdsRuntimeLauncherCompletionSystemdUnitAndLicences() throws IOException {
    assertThat(home.resolve("runtime/bin/java")).isExecutable();
    assertThat(Files.getPosixFilePermissions(home.resolve("bin/tollgate")))
        .contains(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OTHERS_EXECUTE);
    assertThat(home.resolve("lib/tollgate.jar")).isRegularFile();
    assertThat(Files.readString(home.resolve("completion/tollgate.bash")))
        .contains("complete -F")
        .contains("create")
        .contains("serve");
    assertThat(Files.readString(home.resolve("completion/tollgate.zsh")))
        .contains("bashcompinit")
        .contains("tollgate.bash");
    assertThat(Files.readString(home.resolve("share/systemd/tollgate.service")))
        .contains("ExecStart=/opt/tollgate/bin/tollgate serve");
    assertThat(Files.readString(home.resolve("LICENSE"))).contains("Apache License");
    assertThat(Files.readString(home.resolve("NOTICE")))
        .contains("argon2-jvm")
        .contains("LGPL-3.0");
    assertThat(home.resolve("licenses/LGPL-3.0.txt")).isRegularFile();
    assertThat(Files.readString(home.resolve("runtime/release")))
        .contains("java.net.http")
        .contains("java.sql");
  }

  @Test
  void thePath_hasNoJava() throws Exception {
    Result which = run(shell("command -v java"));
    assertThat(which.exitCode()).as("java must not be found: %s", which.output()).isNotZero();
  }

  @Test
  void serve_createToken_showTokens_runOnTheBundledRuntime() throws Exception {
    Result operator = run(tollgate("create", "token", "--admin", "--host", serverUrl));
    assertThat(operator.exitCode()).as(operator.output()).isZero();
    Matcher secret = TOKEN.matcher(operator.output());
    assertThat(secret.find()).as(operator.output()).isTrue();
    String token = secret.group();

    Result named =
        run(
            tollgate(
                "create", "token", "--admin", "--name", "ci", "--host", serverUrl, "--token",
                token));
    assertThat(named.exitCode()).as(named.output()).isZero();

    Result show = run(tollgate("show", "tokens", "--host", serverUrl, "--token", token));
    assertThat(show.exitCode()).as(show.output()).isZero();
    assertThat(show.output()).contains("_admin").contains("ci").doesNotContain(token);
  }

  @Test
  void launcher_worksThroughASymlinkOnThePath() throws Exception {
    Result version = run(shell("tollgate --version"));
    assertThat(version.exitCode()).as(version.output()).isZero();
    assertThat(version.output()).contains(VERSION);
  }

  private static ProcessBuilder tollgate(String... args) {
    List<String> command = new ArrayList<>();
    command.add(home.resolve("bin/tollgate").toString());
    command.addAll(List.of(args));
    return tollgateEnv(new ProcessBuilder(command));
  }

  /** A command line run by the shell on the user's PATH. */
  private static ProcessBuilder shell(String commandLine) {
    return tollgateEnv(new ProcessBuilder(tools.resolve("sh").toString(), "-c", commandLine));
  }

  /** A user's environment: PATH without java, a HOME of its own, nothing of the build. */
  private static ProcessBuilder tollgateEnv(ProcessBuilder builder) {
    Map<String, String> env = builder.environment();
    env.clear();
    env.put("PATH", tools.toString());
    env.put("HOME", dir.resolve("home").toString());
    env.put("NO_COLOR", "1");
    return builder.directory(dir.toFile());
  }

  private static Path which(String tool) {
    for (String entry : System.getenv("PATH").split(":")) {
      Path candidate = Path.of(entry, tool);
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    throw new AssertionError(tool + " is not on the build's PATH");
  }

  private static String awaitListening(Process process) throws IOException {
    StringBuilder seen = new StringBuilder();
    InputStream out = process.getInputStream();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    StringBuilder line = new StringBuilder();
    int c;
    while (System.nanoTime() < deadline && (c = out.read()) != -1) {
      if (c != '\n') {
        line.append((char) c);
        continue;
      }
      String text = line.toString();
      line.setLength(0);
      seen.append(text).append('\n');
      Matcher listening = LISTENING.matcher(text);
      if (listening.find()) {
        drain(out);
        return listening.group(1);
      }
    }
    throw new AssertionError("the server did not start:\n" + seen + line);
  }

  /** Keeps reading the server's output so it never blocks on a full pipe. */
  private static void drain(InputStream out) {
    Thread reader =
        new Thread(
            () -> {
              try {
                out.transferTo(OutputStream.nullOutputStream());
              } catch (IOException ignored) {
                // the server is gone
              }
            },
            "server-output");
    reader.setDaemon(true);
    reader.start();
  }

  private record Result(int exitCode, String output) {}

  /** Runs a command to its end; its output is read until the process closes it. */
  private static Result run(ProcessBuilder builder) throws Exception {
    Process process = builder.redirectErrorStream(true).start();
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(String.join(" ", builder.command()) + " did not finish");
    }
    return new Result(process.exitValue(), output);
  }
}
