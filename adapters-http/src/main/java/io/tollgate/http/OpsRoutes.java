package io.tollgate.http;

import io.javalin.http.Context;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;

/** {@code /health}, {@code /api/v1/health}, {@code /ping} and {@code /metrics}. */
final class OpsRoutes {
  static final String HEALTH = "/health";
  static final String V1_HEALTH = "/api/v1/health";
  static final String PING = "/ping";
  static final String METRICS = "/metrics";

  private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  private final PrometheusMeterRegistry registry;
  private final byte[] ping;

  OpsRoutes(PrometheusMeterRegistry registry, String version, String revision) {
    this.registry = registry;
    this.ping = new TokenJson().ping(version, revision);
  }

  void health(Context ctx) {
    Responses.plain(ctx, 200, "OK");
  }

  void ping(Context ctx) {
    Responses.json(ctx, 200, ping);
  }

  void metrics(Context ctx) {
    Responses.bytes(ctx, 200, PROMETHEUS_TEXT, registry.scrape().getBytes(StandardCharsets.UTF_8));
  }
}
