package io.tollgate.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tollgate.core.port.in.ServiceStatusUseCase;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** {@code tollgate_store_lag_seconds}: a shared store's lag, read at every scrape. */
class StoreLagGaugeTest {

  @Test
  void aSharedStore_getsALagGaugeInSeconds_readAtEveryScrape() {
    AtomicLong lag = new AtomicLong(1_500);
    ServiceStatusUseCase shared =
        new ServiceStatusUseCase() {
          @Override
          public TokenCounts tokenCounts() {
            return new TokenCounts(0, 0, 0);
          }

          @Override
          public StoreStatus checkStore() {
            return StoreStatus.CURRENT;
          }

          @Override
          public OptionalLong storeLagMillis() {
            return OptionalLong.of(lag.get());
          }
        };
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    ServerMeters meters = ServerMeters.bindTo(registry, shared, "1", "r");
    try {
      assertThat(registry.scrape()).contains("tollgate_store_lag_seconds 1.5");
      lag.set(250);
      assertThat(registry.scrape())
          .contains("# TYPE tollgate_store_lag_seconds gauge")
          .contains("tollgate_store_lag_seconds 0.25");
    } finally {
      meters.close();
    }
  }
}
