package io.tollgate.http;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.micrometer.core.instrument.MeterRegistry;
import io.tollgate.core.domain.IssuedToken;
import io.tollgate.http.HttpServerConfig.Bind;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin-token recovery listener: a second Jetty serving only {@code POST
 * /api/v3/configure/token/admin/regenerate}, without a token; every other request gets 404 {@code
 * not found}. While a recovery code exists, core demands it as {@code Authorization: Bearer <code>}
 * (401 when wrong or missing, 429 past five attempts a minute). After the first successful
 * regeneration it stops accepting (a concurrent second attempt gets 404) and closes itself once
 * that response is sent. A failed attempt leaves it open. It serves no CORS at all, and refuses
 * with 403 a request from a web page ({@code Origin} not allowed by {@code --cors-allow-origin}, or
 * {@code Sec-Fetch-Site: cross-site}).
 */
final class RecoveryListener {
  static final String NOT_FOUND = "not found";

  /** Lets the successful response finish before the listener closes. */
  private static final Duration STOP_GRACE = Duration.ofSeconds(5);

  private static final Logger LOG = LoggerFactory.getLogger(RecoveryListener.class);

  private final RecoveryRegenerator regenerator;
  private final String clusterUuid;
  private final JavalinAssembly assembly;
  private final Bind bind;
  private final CorsPolicy cors;
  private final TokenJson json = new TokenJson();
  private final RouteTable routes;
  private final AtomicBoolean claimed = new AtomicBoolean();
  private final AtomicBoolean open = new AtomicBoolean();
  private final AtomicBoolean stopped = new AtomicBoolean();

  RecoveryListener(
      Bind bind,
      Optional<SslContextFactory.Server> ssl,
      RecoveryRegenerator regenerator,
      UUID clusterId,
      MeterRegistry registry,
      CorsPolicy cors) {
    this.routes =
        new RouteTable(
            List.of(
                Route.of(
                    HandlerType.POST,
                    TokenRoutes.REGENERATE,
                    Access.secretIssuer(),
                    this::regenerate)));
    this.regenerator = regenerator;
    this.cors = cors;
    this.clusterUuid = clusterId.toString();
    this.bind = bind;
    this.assembly =
        new JavalinAssembly(
            bind,
            ssl,
            new PlainJettyErrors(clusterId),
            new HttpErrors(clusterId, NOT_FOUND),
            new HttpMetrics(registry, "recovery", routes),
            STOP_GRACE,
            false,
            ConnectionCap.RECOVERY,
            config -> {
              config.routes.before(this::onlyRegenerate);
              routes.addRouterTo(config.routes);
            });
  }

  void start() {
    assembly.start();
    open.set(true);
    LOG.warn(
        "ADMIN TOKEN RECOVERY LISTENER IS OPEN on {}://{}:{} - anyone who can reach it can"
            + " regenerate the operator token without a token (only a recovery code, if one was"
            + " issued, is demanded); it closes after the first successful regeneration",
        assembly.scheme(),
        host(),
        port());
  }

  boolean isOpen() {
    return open.get();
  }

  int port() {
    return assembly.port();
  }

  private String host() {
    return bind.host().contains(":") ? "[" + bind.host() + "]" : bind.host();
  }

  /** Stops the listener; safe to call more than once and from any thread. */
  void stop() {
    if (stopped.compareAndSet(false, true)) {
      open.set(false);
      assembly.stop();
      LOG.info("admin token recovery listener closed");
    }
  }

  private void onlyRegenerate(Context ctx) {
    ctx.header(Responses.CLUSTER_UUID, clusterUuid);
    Route route = routes.find(ctx.method(), ctx.path());
    if (route == null) {
      throw HttpFailure.plain(404, NOT_FOUND);
    }
    if (route.access().issuesSecretWithoutToken()) {
      cors.refuseCrossSiteSecretRequest(ctx);
    }
    long length = ctx.req().getContentLengthLong();
    if (length > PipelineFilter.MAX_BODY_BYTES) {
      throw UnreadBody.tooLarge(ctx); // no token checked: nothing waited for
    }
  }

  private void regenerate(Context ctx) {
    String presented = presentedCode(ctx);
    if (!claimed.compareAndSet(false, true)) {
      throw HttpFailure.plain(404, NOT_FOUND);
    }
    IssuedToken issued;
    try {
      issued = regenerator.regenerate(presented);
    } catch (RuntimeException e) {
      claimed.set(false);
      throw e;
    }
    LOG.warn(
        "operator token {} (id {}) regenerated through the recovery listener; closing it",
        issued.token().name(),
        issued.token().id());
    ctx.header("Connection", "close");
    Responses.json(ctx, 201, json.tokenObject(issued));
    Thread closer = new Thread(this::stop, "tollgate-recovery-close");
    closer.setDaemon(true);
    closer.start();
  }

  /** The credential of the Authorization header (any scheme the main server accepts), or null. */
  private static String presentedCode(Context ctx) {
    AuthorizationHeader.Parsed parsed =
        AuthorizationHeader.parse(Collections.list(ctx.req().getHeaders("Authorization")));
    if (parsed instanceof AuthorizationHeader.Malformed) {
      throw HttpFailure.json(400, Responses.MALFORMED_AUTHORIZATION);
    }
    return parsed instanceof AuthorizationHeader.Presented presented ? presented.token() : null;
  }
}
