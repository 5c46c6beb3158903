package io.tollgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Only {@code serve} starts the warm-up thread, as a daemon that ends when its work is done. */
class StartupWarmUpTest {

  @Test
  void serve_startsADaemonThreadThatFinishes() throws InterruptedException {
    Optional<Thread> thread = StartupWarmUp.startFor("serve", "--data-dir", "/nonexistent");

    assertThat(thread).isPresent();
    assertThat(thread.get().isDaemon()).isTrue();
    assertThat(thread.get().getName()).isEqualTo(StartupWarmUp.THREAD_NAME);
    thread.get().join(60_000);
    assertThat(thread.get().isAlive()).isFalse();
  }

  @Test
  void otherCommands_startNothing() {
    assertThat(StartupWarmUp.startFor()).isEmpty();
    assertThat(StartupWarmUp.startFor("create", "token", "--admin")).isEmpty();
    assertThat(StartupWarmUp.startFor("--version")).isEmpty();
    assertThat(StartupWarmUp.startFor("show", "serve")).isEmpty();
  }
}
