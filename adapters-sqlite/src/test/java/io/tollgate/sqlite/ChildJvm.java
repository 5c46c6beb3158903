package io.tollgate.sqlite;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A {@link CrashChild} in its own JVM. Its standard output goes straight to a file, not through a
 * pipe: whatever the child wrote before SIGKILL is in that file, while the JDK may drop the last
 * bytes of a pipe when the process dies.
 */
final class ChildJvm {

  private final Process process;
  private final Path output;

  private ChildJvm(Process process, Path output) {
    this.process = process;
    this.output = output;
  }

  static ChildJvm start(Path workDir, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(
        List.of(
            "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC",
            "-Xmx128m",
            // Native libraries a killed child leaves behind stay inside the test's directory.
            "-Dorg.sqlite.tmpdir=" + workDir.resolve("native"),
            "-cp",
            System.getProperty("java.class.path"),
            CrashChild.class.getName()));
    command.addAll(Arrays.asList(args));
    Files.createDirectories(workDir.resolve("native"));
    Path output = workDir.resolve("child-" + UUID.randomUUID() + ".out");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectOutput(output.toFile())
            .redirectError(ProcessBuilder.Redirect.appendTo(workDir.resolve("child.log").toFile()));
    // Standard input stays a pipe: the child exits when it closes, i.e. when this JVM is gone.
    return new ChildJvm(builder.start(), output);
  }

  long pid() {
    return process.pid();
  }

  /** Waits until the child printed a line starting with {@code prefix}; returns that line. */
  String awaitLine(String prefix, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      for (String line : completeLines()) {
        if (line.startsWith(prefix)) {
          return line;
        }
      }
      if (!process.isAlive()) {
        break;
      }
      Thread.sleep(5);
    }
    throw new AssertionError(
        "child " + pid() + " printed no line starting " + prefix + "; output: " + completeLines());
  }

  /** SIGKILL, then waits until it is gone. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new AssertionError("child " + pid() + " survived SIGKILL");
    }
  }

  /** Waits for a child that ends by itself. */
  int awaitExit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("child " + pid() + " did not finish in " + timeout);
    }
    return process.exitValue();
  }

  /** Every line ended by a newline; a line cut off by the kill is not acknowledged. */
  List<String> completeLines() {
    String text;
    try {
      text = Files.readString(output, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    int end = text.lastIndexOf('\n');
    return end < 0 ? List.of() : List.of(text.substring(0, end).split("\n", -1));
  }
}
