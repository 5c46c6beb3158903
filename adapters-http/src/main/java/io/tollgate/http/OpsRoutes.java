package io.tollgate.http;

import io.javalin.http.Context;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;

/** {@code /health}, {@code /api/v1/health}, {@code /ping} and {@code /metrics}. */
final class OpsRoutes {
  static final String HEALTH = "/health";
  static final String V1_HEALTH = "/api/v1/health";
  static final String PING = "/ping";
  static final String METRICS = "/metrics";

  private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  /** How long one rendering of {@code /metrics} is served (far below any scrape interval). */
  static final Duration SCRAPE_MAX_AGE = Duration.ofSeconds(1);

  private final ScrapeCache scrape;
  private final byte[] ping;

  OpsRoutes(PrometheusMeterRegistry registry, String version, String revision) {
    this.scrape = new ScrapeCache(registry::scrape, SCRAPE_MAX_AGE, System::nanoTime);
    this.ping = new TokenJson().ping(version, revision);
  }

  void health(Context ctx) {
    Responses.plain(ctx, 200, "OK");
  }

  void ping(Context ctx) {
    Responses.json(ctx, 200, ping);
  }

  void metrics(Context ctx) {
    Responses.bytes(ctx, 200, PROMETHEUS_TEXT, scrape.bytes());
  }
}
