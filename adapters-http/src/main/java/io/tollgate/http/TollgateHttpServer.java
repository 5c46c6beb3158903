package io.tollgate.http;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tollgate.core.port.in.RecoveryCodeUseCase;
import io.tollgate.core.port.in.TokenAuthority;
import io.tollgate.core.port.out.AuditLog;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Tollgate HTTP server: InfluxDB 3 Core's token API on Javalin/Jetty, plus the recovery
 * listener when configured. Create it with {@link #create}, then {@link #start()}; it logs {@code
 * Tollgate listening on http://HOST:PORT} when ready. {@link #stop()} (or {@link #close()}) stops
 * both listeners. Thread-safe.
 *
 * <pre>{@code
 * TollgateHttpServer server = TollgateHttpServer.create(config, authority).start();
 * Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
 * }</pre>
 */
public final class TollgateHttpServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TollgateHttpServer.class);
  static final int MAX_REQUEST_HEADER_BYTES = 64 * 1024;

  private enum State {
    NEW,
    STARTED,
    STOPPED
  }

  private final HttpServerConfig config;
  private final JavalinAssembly main;
  private final RouteTable routes;
  private final HttpMetrics metrics;
  private final RecoveryListener recovery;
  private final FailurePipeline failurePipeline;
  private final ServerMeters serverMeters;
  private final HealthChecks health;
  private final TlsReloader tlsReloader;
  private State state = State.NEW;

  private TollgateHttpServer(
      HttpServerConfig config,
      TokenAuthority authority,
      PrometheusMeterRegistry registry,
      RecoveryCodeUseCase recoveryCodes,
      Duration stopGrace,
      Clock clock,
      Optional<AuditLog> auditLog,
      Optional<AuditLogFile> auditFile) {
    this.config = config;
    UUID clusterId = authority.clusterId();
    this.tlsReloader = config.tls().map(TlsReloader::new).orElse(null);
    CorsPolicy cors = CorsPolicy.allowing(config.corsAllowedOrigins());
    TokenRoutes tokenRoutes = new TokenRoutes(authority, Optional.ofNullable(recoveryCodes));
    RecoveryRegenerator regenerator =
        recoveryCodes == null
            ? RecoveryRegenerator.withoutCode(authority)
            : RecoveryRegenerator.withCodes(recoveryCodes);
    this.health = new HealthChecks(authority, HealthChecks.STORE_TIMEOUT);
    OpsRoutes opsRoutes = new OpsRoutes(registry, config.version(), config.revision(), health);
    List<Route> rows = new ArrayList<>();
    if (!config.withoutAuth()) {
      rows.addAll(ServerRoutes.tokenApi(tokenRoutes, recoveryCodes != null));
      auditLog.ifPresent(log -> rows.addAll(ServerRoutes.audit(new AuditRoutes(log))));
    }
    rows.addAll(ServerRoutes.query(tokenRoutes));
    rows.addAll(ServerRoutes.operations(opsRoutes));
    if (config.console()) {
      rows.addAll(ServerRoutes.console(ConsoleAssets.fromClasspath()));
    }
    AuthzRules rules = config.authzRules().map(AuthzRules::load).orElse(AuthzRules.none());
    this.failurePipeline = new FailurePipeline(config.authFailureLimit(), clock, auditLog);
    AuthFailures failures = failurePipeline.failures();
    // the metrics need the finished table; forward authentication records its outcomes in them
    ForwardAuth forwardAuth =
        new ForwardAuth(authority, rules, this::recordAuthentication, failures);
    rows.addAll(ServerRoutes.forwardAuthentication(forwardAuth));
    RouteTable routes = new RouteTable(rows);
    this.routes = routes;
    this.metrics = new HttpMetrics(registry, "main", routes);
    failurePipeline.watchedBy(metrics);
    this.serverMeters =
        ServerMeters.bindTo(registry, authority, config.version(), config.revision());
    auditFile.ifPresent(metrics::watch);
    PipelineFilter filter =
        new PipelineFilter(
            authority,
            clusterId,
            config.withoutAuth(),
            config.disabledAuthz(),
            routes,
            metrics,
            cors,
            ClientAddress.trusting(config.trustedProxies()),
            failures);
    this.main =
        new JavalinAssembly(
            config.bind(),
            tlsFactory(),
            new PlainJettyErrors(clusterId),
            new HttpErrors(clusterId, "Not found"),
            metrics,
            stopGrace,
            config.accessLog(),
            ConnectionCap.forThisProcess(),
            javalin -> {
              // gateways forward the client's headers to /api/authz/* and add their own: Jetty's
              // 8 KiB default would answer 431, which a gateway turns into a 500
              javalin.jetty.modifyHttpConfiguration(
                  http -> http.setRequestHeaderSize(MAX_REQUEST_HEADER_BYTES));
              javalin.routes.before(filter);
              routes.addRouterTo(javalin.routes);
            });
    this.recovery =
        config
            .recoveryBind()
            .map(
                bind ->
                    new RecoveryListener(
                        bind, tlsFactory(), regenerator, clusterId, registry, cors))
            .orElse(null);
  }

  private Optional<org.eclipse.jetty.util.ssl.SslContextFactory.Server> tlsFactory() {
    return Optional.ofNullable(tlsReloader).map(TlsReloader::newFactory);
  }

  private void recordAuthentication(String outcome) {
    metrics.recordAuthentication(outcome);
  }

  /** The main listener's route table. */
  RouteTable routeTable() {
    return routes;
  }

  /** The failure audit's latest events (also recorded in the store's audit log, if any). */
  FailureRing failureRing() {
    return failurePipeline.ring();
  }

  /** The main listener's Javalin, for tests that inspect what is registered. */
  io.javalin.Javalin javalinForTests() {
    return main.javalin();
  }

  /**
   * A server with its own {@link PrometheusMeterRegistry} and no recovery codes: {@code
   * /api/v3/configure/token/admin/recovery_code} is not served and the recovery listener, when
   * configured, demands nothing. Nothing is bound until {@link #start()}.
   *
   * @throws IllegalArgumentException for unreadable or mismatched TLS files, or an unreadable or
   *     invalid {@code --authz-rules} file, with a clear message
   */
  public static TollgateHttpServer create(HttpServerConfig config, TokenAuthority authority) {
    return create(config, authority, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
  }

  /**
   * A server that records its metrics in {@code registry} and serves it on {@code /metrics}.
   *
   * @throws IllegalArgumentException for unreadable or mismatched TLS files, with a clear message
   */
  public static TollgateHttpServer create(
      HttpServerConfig config, TokenAuthority authority, PrometheusMeterRegistry registry) {
    return create(config, authority, registry, null, config.shutdownGrace());
  }

  /**
   * A server that also issues recovery codes ({@code POST
   * /api/v3/configure/token/admin/recovery_code}) and has the recovery listener demand the current
   * one, and records its metrics in {@code registry}.
   *
   * @throws IllegalArgumentException for unreadable or mismatched TLS files, with a clear message
   */
  public static TollgateHttpServer create(
      HttpServerConfig config,
      TokenAuthority authority,
      RecoveryCodeUseCase recoveryCodes,
      PrometheusMeterRegistry registry) {
    return create(
        config,
        authority,
        registry,
        Objects.requireNonNull(recoveryCodes, "recoveryCodes"),
        config.shutdownGrace());
  }

  /**
   * A server as {@link #create(HttpServerConfig, TokenAuthority, RecoveryCodeUseCase,
   * PrometheusMeterRegistry)} that also keeps the audit trail (SPEC section 10): refused requests
   * are recorded in {@code auditLog} (coalesced, in the background, fingerprinted under its key),
   * and {@code GET /api/v3/configure/token/audit} reads it; {@code auditFile} (the {@code
   * --audit-log} file, written by whoever wraps the store) has its write failures counted in {@code
   * /metrics}.
   *
   * @throws IllegalArgumentException for unreadable or mismatched TLS files, with a clear message
   */
  public static TollgateHttpServer create(
      HttpServerConfig config,
      TokenAuthority authority,
      RecoveryCodeUseCase recoveryCodes,
      PrometheusMeterRegistry registry,
      AuditLog auditLog,
      Optional<AuditLogFile> auditFile) {
    return new TollgateHttpServer(
        Objects.requireNonNull(config, "config"),
        Objects.requireNonNull(authority, "authority"),
        Objects.requireNonNull(registry, "registry"),
        Objects.requireNonNull(recoveryCodes, "recoveryCodes"),
        config.shutdownGrace(),
        Clock.systemUTC(),
        Optional.of(auditLog),
        Objects.requireNonNull(auditFile, "auditFile"));
  }

  /**
   * @param recoveryCodes null for a server without recovery codes
   * @param stopGrace how long {@link #stop()} lets in-flight requests finish (tests use zero)
   */
  static TollgateHttpServer create(
      HttpServerConfig config,
      TokenAuthority authority,
      PrometheusMeterRegistry registry,
      RecoveryCodeUseCase recoveryCodes,
      Duration stopGrace) {
    return create(config, authority, registry, recoveryCodes, stopGrace, Clock.systemUTC());
  }

  /**
   * @param clock the throttle's and the failure audit's clock (tests move it)
   */
  static TollgateHttpServer create(
      HttpServerConfig config,
      TokenAuthority authority,
      PrometheusMeterRegistry registry,
      RecoveryCodeUseCase recoveryCodes,
      Duration stopGrace,
      Clock clock) {
    return create(config, authority, registry, recoveryCodes, stopGrace, clock, null);
  }

  /**
   * @param auditLog null for a server without an audit log
   */
  static TollgateHttpServer create(
      HttpServerConfig config,
      TokenAuthority authority,
      PrometheusMeterRegistry registry,
      RecoveryCodeUseCase recoveryCodes,
      Duration stopGrace,
      Clock clock,
      AuditLog auditLog) {
    return new TollgateHttpServer(
        Objects.requireNonNull(config, "config"),
        Objects.requireNonNull(authority, "authority"),
        Objects.requireNonNull(registry, "registry"),
        recoveryCodes,
        Objects.requireNonNull(stopGrace, "stopGrace"),
        Objects.requireNonNull(clock, "clock"),
        Optional.ofNullable(auditLog),
        Optional.empty());
  }

  /**
   * Binds the main listener (and the recovery listener, if configured) and logs the address.
   *
   * @return this server
   * @throws IllegalStateException if it was started before, or an address cannot be bound (the
   *     message names it)
   */
  public synchronized TollgateHttpServer start() {
    if (state != State.NEW) {
      throw new IllegalStateException("a Tollgate HTTP server can be started only once");
    }
    state = State.STARTED;
    try {
      main.start();
    } catch (RuntimeException e) {
      state = State.STOPPED;
      throw new IllegalStateException(
          "cannot listen on " + config.bind() + ": " + rootMessage(e), e);
    }
    LOG.info("Tollgate listening on {}", uri());
    failurePipeline.start();
    if (tlsReloader != null) {
      tlsReloader.start();
    }
    if (recovery != null) {
      try {
        recovery.start();
      } catch (RuntimeException e) {
        stop();
        throw new IllegalStateException(
            "cannot open the admin token recovery listener on "
                + config.recoveryBind().map(Object::toString).orElse("?")
                + ": "
                + rootMessage(e),
            e);
      }
    }
    return this;
  }

  /**
   * Stops both listeners: the main one stops accepting at once and lets requests in flight finish
   * for up to {@link HttpServerConfig#shutdownGrace()} (a request arriving on an open connection
   * meanwhile gets 503), then closes every connection. Safe to call repeatedly.
   */
  public synchronized void stop() {
    if (state == State.STOPPED) {
      return;
    }
    boolean wasStarted = state == State.STARTED;
    state = State.STOPPED;
    serverMeters.close();
    health.close();
    if (tlsReloader != null) {
      tlsReloader.close();
    }
    if (!wasStarted) {
      return;
    }
    if (recovery != null) {
      recovery.stop();
    }
    main.stop();
    failurePipeline.stop();
    LOG.info("Tollgate HTTP server stopped");
  }

  /**
   * Reads {@code --tls-cert} and {@code --tls-key} again now (the server also notices a change of
   * either file within a few seconds): new connections get the new certificate.
   *
   * @return true if it was loaded; false if the server has no TLS, or the files do not load (a
   *     warning says why, and the previous certificate keeps serving)
   */
  public boolean reloadTls() {
    return tlsReloader != null && tlsReloader.reload();
  }

  /** Same as {@link #stop()}. */
  @Override
  public void close() {
    stop();
  }

  /** The port the main listener is bound to (the real one when configured with port 0). */
  public int port() {
    return main.port();
  }

  int lingeringConnections() {
    return main.lingering();
  }

  /** The main listener's base address, such as {@code http://127.0.0.1:8181}. */
  public URI uri() {
    String host = config.bind().host();
    return URI.create(
        main.scheme() + "://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port());
  }

  /** The recovery listener's port while it is open; empty if disabled or closed. */
  public OptionalInt recoveryPort() {
    return isRecoveryListenerOpen() ? OptionalInt.of(recovery.port()) : OptionalInt.empty();
  }

  /** True from start until the first successful recovery regeneration (or stop). */
  public boolean isRecoveryListenerOpen() {
    return recovery != null && recovery.isOpen();
  }

  /** The configuration this server was created with. */
  public HttpServerConfig config() {
    return config;
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return Optional.ofNullable(root.getMessage()).orElse(root.getClass().getSimpleName());
  }
}
