package io.tollgate.http;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.tollgate.core.port.in.ServiceStatusUseCase;
import io.tollgate.core.port.in.ServiceStatusUseCase.TokenCounts;
import java.util.function.ToLongFunction;

/**
 * The meters of the process rather than of a request: Micrometer's JVM and process binders (memory,
 * GC, threads, CPU, uptime, open files), {@code tollgate_tokens{kind}} and {@code
 * tollgate_build_info{version,revision} 1}, and for a store shared by several nodes {@code
 * tollgate_store_lag_seconds}. Every value is read when {@code /metrics} is rendered (at most once
 * a second, see {@link ScrapeCache}); the token counts come from memory, never from the store.
 */
final class ServerMeters implements AutoCloseable {
  private final JvmGcMetrics gc = new JvmGcMetrics();

  private ServerMeters() {}

  static ServerMeters bindTo(
      MeterRegistry registry, ServiceStatusUseCase status, String version, String revision) {
    ServerMeters meters = new ServerMeters();
    new JvmMemoryMetrics().bindTo(registry);
    meters.gc.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    new FileDescriptorMetrics().bindTo(registry);
    tokens(registry, status, "operator", TokenCounts::operator);
    tokens(registry, status, "admin", TokenCounts::admin);
    tokens(registry, status, "resource", TokenCounts::resource);
    if (status.storeLagMillis().isPresent()) {
      Gauge.builder("tollgate.store.lag", status, s -> s.storeLagMillis().orElse(0) / 1000.0)
          .description(
              "Seconds since this node last confirmed it has every change other nodes committed")
          .baseUnit("seconds")
          .strongReference(true)
          .register(registry);
    }
    Gauge.builder("tollgate.build.info", () -> 1)
        .description("The running Tollgate's version and revision (always 1)")
        .tag("version", version)
        .tag("revision", revision)
        .strongReference(true)
        .register(registry);
    return meters;
  }

  private static void tokens(
      MeterRegistry registry,
      ServiceStatusUseCase status,
      String kind,
      ToLongFunction<TokenCounts> count) {
    Gauge.builder("tollgate.tokens", status, s -> count.applyAsLong(s.tokenCounts()))
        .description("Tokens by kind: the operator token, named admin tokens, resource tokens")
        .tag("kind", kind)
        .strongReference(true)
        .register(registry);
  }

  /** Stops listening for GC notifications. */
  @Override
  public void close() {
    gc.close();
  }
}
