package io.tollgate.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.core.domain.Actor;
import io.tollgate.core.domain.Lifetime;
import io.tollgate.core.domain.TokenName;
import io.tollgate.core.port.in.CreateNamedAdminTokenUseCase.CreateNamedAdminTokenCommand;
import io.tollgate.core.testing.Prerequisite;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Open, use and close leaves nothing behind: no thread and no file descriptor. The JVM's own
 * threads (JIT, GC) and descriptors come and go, so the counts are compared a few times before the
 * test gives up.
 */
class CleanCloseIT {

  private static final Path FDS = Path.of("/proc/self/fd");

  @TempDir Path dir;

  private static int threads() {
    return Thread.getAllStackTraces().size();
  }

  private static List<String> descriptors() {
    try (Stream<Path> entries = Files.list(FDS)) {
      return entries
          .map(
              fd -> {
                try {
                  return Files.readSymbolicLink(fd).toString();
                } catch (IOException e) {
                  return "(gone)"; // the descriptor of the listing itself
                }
              })
          .sorted()
          .collect(Collectors.toList());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private void openUseAndClose(Path dataDir) {
    try (Tollgate tollgate = Tollgate.open(dataDir)) {
      String secret = tollgate.createOperatorToken().secret().value();
      tollgate.createNamedAdminToken(
          new CreateNamedAdminTokenCommand(
              TokenName.named("ci"), Lifetime.FOREVER, null, Actor.BOOTSTRAP));
      assertThat(tollgate.authenticate(secret).isAuthenticated()).isTrue();
      assertThat(tollgate.listTokens()).hasSize(2);
      tollgate.deleteToken(TokenName.named("ci"), Actor.BOOTSTRAP);
    }
  }

  @Test
  void openUseClose_leavesNoThreadAndNoFileDescriptor() throws InterruptedException {
    Prerequisite.require(
        Files.isDirectory(FDS), "the descriptor count needs /proc/self/fd (Linux)");
    openUseAndClose(dir.resolve("warm-up")); // loads classes and the native SQLite library once

    int threadsBefore = threads();
    List<String> fdsBefore = descriptors();
    openUseAndClose(dir.resolve("measured"));

    int threadsAfter = threads();
    List<String> fdsAfter = descriptors();
    for (int attempt = 0;
        attempt < 50 && (threadsAfter != threadsBefore || fdsAfter.size() != fdsBefore.size());
        attempt++) {
      Thread.sleep(100);
      threadsAfter = threads();
      fdsAfter = descriptors();
    }
    assertThat(threadsAfter).as("live threads").isEqualTo(threadsBefore);
    assertThat(fdsAfter).as("open file descriptors").hasSameSizeAs(fdsBefore);
    assertThat(fdsAfter.stream().filter(fd -> fd.contains(dir.toString())))
        .as("descriptors into the data directories")
        .isEmpty();
  }

  @Test
  void aClosedInstancesDirectory_canBeOpenedAgainAtOnce() {
    for (int i = 0; i < 5; i++) {
      try (Tollgate tollgate = Tollgate.open(dir)) {
        assertThat(tollgate.listTokens()).hasSizeLessThanOrEqualTo(1);
        if (i == 0) {
          tollgate.createOperatorToken();
        }
      }
    }
  }
}
