package io.tollgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server started with SIGHUP ignored (under nohup) cannot be asked to reload by SIGHUP: it says
 * so at start instead of seeming to listen; with SIGHUP's default disposition it says nothing.
 */
class IgnoredSighupIT {
  private static final String WARNING = "SIGHUP was ignored when this process started";

  @TempDir Path dir;

  @Test
  void startedWithSighupIgnored_warnsThatSighupDoesNothing() throws Exception {
    assertThat(startLog("--ignore-signal=HUP")).contains(WARNING);
  }

  @Test
  void startedWithSighupAtItsDefault_saysNothingAboutIt() throws Exception {
    assertThat(startLog("--default-signal=HUP")).doesNotContain(WARNING);
  }

  /** The server's log to 3 s after its "listening" line, started under {@code env DISPOSITION}. */
  private String startLog(String disposition) throws IOException, InterruptedException {
    ProcessBuilder builder =
        TollgateProcess.builder(
            Map.of(),
            "serve",
            "--data-dir",
            dir.resolve("data" + disposition.length()).toString(),
            "--http-bind",
            "127.0.0.1:0");
    List<String> command = builder.command();
    assertThat(command).as("env --default-signal is needed for this test").startsWith("env");
    command.set(command.indexOf("--default-signal=HUP"), disposition);
    Process process = builder.redirectErrorStream(true).start();
    StringBuilder log = new StringBuilder();
    try (BufferedReader lines =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null) {
        log.append(line).append('\n');
        if (line.contains("Tollgate listening on")) {
          // the signal handlers are set up once the server listens: read on for a while
          CompletableFuture.runAsync(
              () -> ProcessHandle.of(process.pid()).ifPresent(ProcessHandle::destroy),
              CompletableFuture.delayedExecutor(3, TimeUnit.SECONDS));
        }
      }
    } finally {
      process.destroy();
      process.waitFor();
    }
    assertThat(log).contains("Tollgate listening on");
    return log.toString();
  }
}
