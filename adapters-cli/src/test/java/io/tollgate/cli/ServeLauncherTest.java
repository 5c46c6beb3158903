package io.tollgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.cli.CliRunner.Result;
import io.tollgate.core.domain.StoreException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve} and its launcher: waited on, closed, and a failure as one line with exit 1. */
class ServeLauncherTest {

  @TempDir Path home;

  @Test
  void launcher_isWaitedOnThenClosed_andExit0() {
    AtomicInteger awaited = new AtomicInteger();
    AtomicInteger closed = new AtomicInteger();
    CliRunner cli =
        new CliRunner(home)
            .launcher(
                options ->
                    new RunningServer() {
                      @Override
                      public void awaitShutdown() {
                        awaited.incrementAndGet();
                      }

                      @Override
                      public void close() {
                        closed.incrementAndGet();
                      }
                    });

    assertThat(cli.run("serve").exitCode()).isZero();
    assertThat(awaited).hasValue(1);
    assertThat(closed).hasValue(1);
  }

  @Test
  void launcherFailure_isOneLineOnStderrAndExit1() {
    CliRunner cli =
        new CliRunner(home)
            .launcher(
                options -> {
                  throw new IllegalStateException("store is locked by another server");
                });

    Result result = cli.run("serve");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err())
        .isEqualTo("error: IllegalStateException: store is locked by another server\n");
  }

  @Test
  void launcherFailureWithAMessageOfSeveralLines_isStillOneLineOnStderrAndExit1() {
    CliRunner cli =
        new CliRunner(home)
            .launcher(
                options -> {
                  throw new IllegalStateException(
                      "Unable to provision, see the following errors:\n\n1) the store\n  at X\n");
                });

    Result result = cli.run("serve");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err())
        .isEqualTo(
            "error: IllegalStateException: Unable to provision, see the following errors: 1)"
                + " the store at X\n");
  }

  @Test
  void launcherFailureOfTheDomain_isItsMessageAlone() {
    CliRunner cli =
        new CliRunner(home)
            .launcher(
                options -> {
                  throw new StoreException("data directory /x is writable by others");
                });

    Result result = cli.run("serve");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).isEqualTo("error: data directory /x is writable by others\n");
  }
}
