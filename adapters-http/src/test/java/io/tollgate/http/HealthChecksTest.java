package io.tollgate.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.core.port.in.ServiceStatusUseCase;
import io.tollgate.core.port.in.ServiceStatusUseCase.StoreStatus;
import io.tollgate.core.port.in.ServiceStatusUseCase.TokenCounts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The store read behind the health probes: its timeout, its sharing, and staleness. */
class HealthChecksTest {

  /** A store whose reads block until released, counting them. */
  private static final class HangingStore implements ServiceStatusUseCase {
    final CountDownLatch release = new CountDownLatch(1);
    final AtomicInteger reads = new AtomicInteger();

    @Override
    public TokenCounts tokenCounts() {
      return new TokenCounts(0, 0, 0);
    }

    @Override
    public StoreStatus checkStore() {
      reads.incrementAndGet();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return StoreStatus.CURRENT;
    }
  }

  @Test
  void aStoreThatHangs_failsTheCheckAfterTheTimeout_andConcurrentProbesShareOneRead()
      throws InterruptedException {
    HangingStore store = new HangingStore();
    try (HealthChecks checks = new HealthChecks(store, Duration.ofMillis(200))) {
      List<Thread> probes = new ArrayList<>();
      List<HealthChecks.Report> reports = java.util.Collections.synchronizedList(new ArrayList<>());
      long start = System.nanoTime();
      for (int i = 0; i < 5; i++) {
        Thread probe = new Thread(() -> reports.add(checks.health()));
        probe.start();
        probes.add(probe);
      }
      for (Thread probe : probes) {
        probe.join(5_000);
      }
      long millis = (System.nanoTime() - start) / 1_000_000;

      assertThat(reports).hasSize(5);
      for (HealthChecks.Report report : reports) {
        assertThat(report.healthy()).isFalse();
        assertThat(report.checks().get(0).name()).isEqualTo("store");
        assertThat(report.checks().get(0).detail())
            .isEqualTo("the store did not answer within 200 ms");
      }
      assertThat(millis).isLessThan(2_000);
      assertThat(store.reads.get()).isEqualTo(1);
      store.release.countDown();
    }
  }

  @Test
  void aStaleStore_failsReadyNamingStoreCurrent_butNotHealth() {
    ServiceStatusUseCase stale =
        new ServiceStatusUseCase() {
          @Override
          public TokenCounts tokenCounts() {
            return new TokenCounts(0, 0, 0);
          }

          @Override
          public StoreStatus checkStore() {
            return StoreStatus.STALE;
          }
        };
    try (HealthChecks checks = new HealthChecks(stale, Duration.ofSeconds(2))) {
      assertThat(checks.health().healthy()).isTrue();
      HealthChecks.Report ready = checks.ready();
      assertThat(ready.healthy()).isFalse();
      assertThat(new String(ready.json(), java.nio.charset.StandardCharsets.UTF_8))
          .isEqualTo(
              "{\"status\":\"fail\",\"checks\":[{\"name\":\"store\",\"status\":\"pass\"},"
                  + "{\"name\":\"store_current\",\"status\":\"fail\",\"detail\":"
                  + "\"the store cannot confirm this node has every committed change\"}]}");
    }
  }

  /** A shared store that is readable and current or stale, and reports {@code lag}. */
  private static ServiceStatusUseCase sharedStore(StoreStatus status, long lag) {
    return new ServiceStatusUseCase() {
      @Override
      public TokenCounts tokenCounts() {
        return new TokenCounts(0, 0, 0);
      }

      @Override
      public StoreStatus checkStore() {
        return status;
      }

      @Override
      public java.util.OptionalLong storeLagMillis() {
        return java.util.OptionalLong.of(lag);
      }
    };
  }

  @Test
  void aSharedStore_reportsItsLagOnTheStoreCheck() {
    try (HealthChecks checks =
        new HealthChecks(sharedStore(StoreStatus.STALE, 12_345), Duration.ofSeconds(2))) {
      HealthChecks.Report ready = checks.ready();

      assertThat(ready.checks().get(0).lagMillis()).isEqualTo(12_345L);
      assertThat(new String(ready.json(), java.nio.charset.StandardCharsets.UTF_8))
          .startsWith(
              "{\"status\":\"fail\",\"checks\":[{\"name\":\"store\",\"status\":\"pass\","
                  + "\"lag_ms\":12345},{\"name\":\"store_current\"");
    }
    try (HealthChecks checks =
        new HealthChecks(sharedStore(StoreStatus.CURRENT, 40), Duration.ofSeconds(2))) {
      assertThat(new String(checks.health().json(), java.nio.charset.StandardCharsets.UTF_8))
          .isEqualTo(
              "{\"status\":\"pass\",\"checks\":[{\"name\":\"store\",\"status\":\"pass\","
                  + "\"lag_ms\":40}]}");
    }
  }

  @Test
  void aStoreOwnedByOneProcess_reportsNoLag() {
    HangingStore store = new HangingStore();
    store.release.countDown();
    try (HealthChecks checks = new HealthChecks(store, Duration.ofSeconds(2))) {
      HealthChecks.Report health = checks.health();

      assertThat(health.checks().get(0).lagMillis()).isNull();
      assertThat(new String(health.json(), java.nio.charset.StandardCharsets.UTF_8))
          .isEqualTo("{\"status\":\"pass\",\"checks\":[{\"name\":\"store\",\"status\":\"pass\"}]}");
    }
  }
}
