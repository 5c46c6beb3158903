package io.tollgate.http;

import io.javalin.http.HandlerType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.tollgate.core.domain.failure.FailureQueue;
import io.tollgate.core.domain.failure.FailureThrottle;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Micrometer meters: requests by route, method and status with a latency histogram ({@code
 * tollgate_http_requests_seconds}), and authentication outcomes ({@code
 * tollgate_authentications_total}). Paths outside the route table are counted as {@code other}, so
 * a scanner cannot blow up the label space. The throttle's and the failure audit's own counts are
 * read when scraped ({@link #watch}).
 */
final class HttpMetrics {
  private static final Set<String> KNOWN_METHODS =
      Set.of("GET", "POST", "DELETE", "PUT", "PATCH", "HEAD", "OPTIONS");

  /**
   * The latency histogram's upper bounds (1 ms to 2.5 s, plus {@code +Inf}): a handful that tell a
   * token check (well under a millisecond) from a write (Argon2, SQLite) from a stalled request,
   * instead of Micrometer's ~80 percentile buckets per route, method and status.
   */
  static final Duration[] LATENCY_BUCKETS = {
    Duration.ofMillis(1),
    Duration.ofMillis(5),
    Duration.ofMillis(25),
    Duration.ofMillis(100),
    Duration.ofMillis(500),
    Duration.ofMillis(2500)
  };

  private final MeterRegistry registry;
  private final String listener;
  private final RouteTable routes;
  private final ConcurrentHashMap<String, Counter> authentications = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<RequestKey, Timer> requestTimers = new ConcurrentHashMap<>();

  /** {@code routes}: the listener's route table, which gives each request its route label. */
  HttpMetrics(MeterRegistry registry, String listener, RouteTable routes) {
    this.registry = registry;
    this.listener = listener;
    this.routes = routes;
  }

  void recordRequest(HandlerType method, String path, int status, long nanos) {
    // Looked up once per route, method and status (a bounded set), like the authentication
    // counters: building and registering the timer on every request showed in the creation path.
    RequestKey key =
        new RequestKey(
            routes.metricLabel(method, path),
            KNOWN_METHODS.contains(method.name()) ? method.name() : "other",
            status);
    requestTimers.computeIfAbsent(key, this::requestTimer).record(nanos, TimeUnit.NANOSECONDS);
  }

  private Timer requestTimer(RequestKey key) {
    return Timer.builder("tollgate.http.requests")
        .description("HTTP requests by route, method and status")
        .tag("listener", listener)
        .tag("route", key.route())
        .tag("method", key.method())
        .tag("status", Integer.toString(key.status()))
        .serviceLevelObjectives(LATENCY_BUCKETS)
        .register(registry);
  }

  private record RequestKey(String route, String method, int status) {}

  /** {@code outcome}: authenticated, unknown, expired, missing or malformed. */
  void recordAuthentication(String outcome) {
    // Looked up once per outcome: building and registering the meter on every request cost an
    // authenticated request measurably more than an exempt one (issue 8).
    authentications.computeIfAbsent(outcome, this::authenticationCounter).increment();
  }

  private Counter authenticationCounter(String outcome) {
    return Counter.builder("tollgate.authentications")
        .description("Authentication attempts by outcome")
        .tag("outcome", outcome)
        .register(registry);
  }

  /**
   * {@code tollgate_auth_failures_total} (failed authentications: a presented credential refused
   * with 401) and {@code tollgate_auth_throttled_total} (requests the throttle refused), counted by
   * {@code throttle}; with a queue and a ring, {@code tollgate_audit_failures_dropped_total}
   * (refusals the full queue dropped) and {@code tollgate_audit_failures_recorded_total} (coalesced
   * events recorded). Nothing is done per request: the counts are read when scraped.
   */
  void watch(FailureThrottle throttle, FailureQueue queue, FailureRing ring) {
    FunctionCounter.builder("tollgate.auth.failures", throttle, FailureThrottle::failures)
        .description("Failed authentications: presented credentials refused with 401")
        .register(registry);
    FunctionCounter.builder("tollgate.auth.throttled", throttle, FailureThrottle::refusals)
        .description("Requests refused because their client address failed too often")
        .register(registry);
    if (queue != null && ring != null) {
      FunctionCounter.builder("tollgate.audit.failures.dropped", queue, FailureQueue::dropped)
          .description("Refused requests not audited because the failure queue was full")
          .register(registry);
      FunctionCounter.builder("tollgate.audit.failures.recorded", ring, FailureRing::recorded)
          .description("Coalesced auth.failed and authz.denied audit events recorded")
          .register(registry);
    }
  }

  /**
   * {@code tollgate_audit_log_write_failures_total}: writes (and reopenings) of the {@code
   * --audit-log} file that failed.
   */
  void watch(AuditLogFile file) {
    FunctionCounter.builder("tollgate.audit.log.write.failures", file, AuditLogFile::writeFailures)
        .description("Writes to the --audit-log file that failed")
        .register(registry);
  }
}
