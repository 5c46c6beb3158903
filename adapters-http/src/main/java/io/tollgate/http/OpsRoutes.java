package io.tollgate.http;

import io.javalin.http.Context;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;

/**
 * {@code /health} and {@code /api/v1/health} (the store answers a read), {@code /health/live} (the
 * process answers), {@code /health/ready} (the store answers and is current), {@code /ping} and
 * {@code /metrics}. A healthy probe answers {@code OK} as before, or, asked with {@code
 * ?format=json}, 200 with the JSON report (which carries a shared store's {@code lag_ms}); a
 * failing one 503 with a JSON body naming the failed check ({@link HealthChecks.Report#json()}).
 */
final class OpsRoutes {
  static final String HEALTH = "/health";
  static final String V1_HEALTH = "/api/v1/health";
  static final String LIVE = "/health/live";
  static final String READY = "/health/ready";
  static final String PING = "/ping";
  static final String METRICS = "/metrics";

  private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  /** How long one rendering of {@code /metrics} is served (far below any scrape interval). */
  static final Duration SCRAPE_MAX_AGE = Duration.ofSeconds(1);

  private final ScrapeCache scrape;
  private final byte[] ping;
  private final HealthChecks health;

  OpsRoutes(
      PrometheusMeterRegistry registry, String version, String revision, HealthChecks health) {
    this.scrape = new ScrapeCache(registry::scrape, SCRAPE_MAX_AGE, System::nanoTime);
    this.ping = new TokenJson().ping(version, revision);
    this.health = health;
  }

  void health(Context ctx) {
    answer(ctx, health.health());
  }

  /** Whether the probe asked for the JSON report also when healthy. */
  private static boolean wantsJson(Context ctx) {
    return "json".equals(ctx.queryParam("format"));
  }

  void live(Context ctx) {
    Responses.plain(ctx, 200, "OK");
  }

  void ready(Context ctx) {
    answer(ctx, health.ready());
  }

  private static void answer(Context ctx, HealthChecks.Report report) {
    if (report.healthy() && wantsJson(ctx)) {
      Responses.json(ctx, 200, report.json());
    } else if (report.healthy()) {
      Responses.plain(ctx, 200, "OK");
    } else {
      Responses.json(ctx, 503, report.json());
    }
  }

  void ping(Context ctx) {
    Responses.json(ctx, 200, ping);
  }

  void metrics(Context ctx) {
    Responses.bytes(ctx, 200, PROMETHEUS_TEXT, scrape.bytes());
  }
}
