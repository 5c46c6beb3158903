package io.tollgate.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.tollgate.core.domain.AuthenticationThrottledException;
import io.tollgate.core.domain.ForbiddenException;
import io.tollgate.core.domain.InvalidInputException;
import io.tollgate.core.domain.NotAuthenticatedException;
import io.tollgate.core.domain.OperatorTokenImmutableException;
import io.tollgate.core.domain.OperatorTokenMissingException;
import io.tollgate.core.domain.RecoveryCodeRejectedException;
import io.tollgate.core.domain.StoreException;
import io.tollgate.core.domain.StoreUnavailableException;
import io.tollgate.core.domain.TokenNameAlreadyExistsException;
import io.tollgate.core.domain.TokenNotFoundException;
import io.tollgate.core.domain.TollgateException;
import io.tollgate.core.domain.TooManyAttemptsException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where failures become HTTP: domain errors get InfluxDB 3's statuses and bodies,
 * Javalin's own errors (no route, body too large) get plain InfluxDB-style bodies, and anything
 * unexpected a bare 500 {@code internal error}, logged here and never shown to the client.
 */
final class HttpErrors {
  static final String INTERNAL_ERROR = "internal error";
  static final String STORE_UNAVAILABLE = "token store unavailable: ";

  /** 429: a throttled client address (SPEC section 10). */
  static final String THROTTLED =
      "{\"error\": \"" + AuthenticationThrottledException.MESSAGE + "\"}";

  /** 403: a valid token without the permission (InfluxDB 3 Enterprise's body). */
  static final String FORBIDDEN = "{\"error\": \"" + ForbiddenException.MESSAGE + "\"}";

  /** 503: this node cannot vouch that its view of the token store is current (SPEC §11). */
  static final String STORE_UNREACHABLE =
      "{\"error\": \"" + StoreUnavailableException.CONDITION + "\"}";

  private static final Logger LOG = LoggerFactory.getLogger(HttpErrors.class);

  private final String clusterUuid;
  private final String notFoundBody;
  private final RateLimitedLog unreadableBodyLog =
      new RateLimitedLog(LOG, "refused a request whose body could not be read ({})");

  /**
   * @param notFoundBody the body of a 404 for a path with no route: {@code Not found} on the main
   *     server, {@code not found} on the recovery listener
   */
  HttpErrors(UUID clusterId, String notFoundBody) {
    this.clusterUuid = clusterId.toString();
    this.notFoundBody = notFoundBody;
  }

  void addTo(RoutesConfig routes) {
    addRefusalsTo(routes);
    addDomainErrorsTo(routes);
    routes.exception(HttpResponseException.class, this::javalinResponse);
    routes.exception(Exception.class, this::unexpected);
  }

  /**
   * The adapter's own refusals (400, 401, 403, 405, 413, 415 …), the throttle's 429 and token
   * checks failing closed (503): all {@link TollgateJavalin} needs.
   */
  void addRefusalsTo(RoutesConfig routes) {
    routes.exception(HttpFailure.class, (e, ctx) -> respond(ctx, () -> Responses.failure(ctx, e)));
    routes.exception(
        NotAuthenticatedException.class,
        (e, ctx) -> respond(ctx, () -> Responses.json(ctx, 401, Responses.NOT_AUTHENTICATED)));
    routes.exception(
        ForbiddenException.class,
        (e, ctx) -> respond(ctx, () -> Responses.json(ctx, 403, FORBIDDEN)));
    routes.exception(
        StoreUnavailableException.class,
        (e, ctx) -> respond(ctx, () -> Responses.json(ctx, 503, STORE_UNREACHABLE)));
    routes.exception(
        AuthenticationThrottledException.class,
        (e, ctx) -> respond(ctx, () -> throttled(ctx, 429, e)));
  }

  /**
   * The throttle's refusal with {@code status} (429; 403 for nginx's auth_request, which turns a
   * 429 into a 500), {@code Retry-After} and the JSON body.
   */
  static void throttled(Context ctx, int status, AuthenticationThrottledException e) {
    ctx.header("Retry-After", Long.toString(Math.max(1, e.retryAfter().toSeconds())));
    Responses.json(ctx, status, THROTTLED);
  }

  /** Tollgate's domain errors, for the token API; nothing else of the host app's is touched. */
  void addDomainErrorsTo(RoutesConfig routes) {
    routes.exception(TokenNameAlreadyExistsException.class, (e, ctx) -> plain(ctx, 409, e));
    routes.exception(TokenNotFoundException.class, (e, ctx) -> plain(ctx, 404, e));
    routes.exception(OperatorTokenMissingException.class, (e, ctx) -> plain(ctx, 404, e));
    routes.exception(OperatorTokenImmutableException.class, (e, ctx) -> plain(ctx, 405, e));
    routes.exception(InvalidInputException.class, (e, ctx) -> plain(ctx, 400, e));
    routes.exception(
        RecoveryCodeRejectedException.class,
        (e, ctx) -> respond(ctx, () -> Responses.json(ctx, 401, Responses.NOT_AUTHENTICATED)));
    routes.exception(TooManyAttemptsException.class, this::tooManyAttempts);
    routes.exception(StoreException.class, this::storeFailure);
    routes.exception(TollgateException.class, this::unexpected);
  }

  /** For errors thrown as {@link Error}s, which never reach the exception handlers. */
  void handleError(HttpServletResponse response, Error error) {
    LOG.error("unexpected error while serving a request", error);
    if (response.isCommitted()) {
      return;
    }
    try {
      response.reset();
      response.setStatus(500);
      response.setHeader(Responses.CLUSTER_UUID, clusterUuid);
      response.setContentType(Responses.PLAIN);
      response.getOutputStream().write(INTERNAL_ERROR.getBytes(StandardCharsets.UTF_8));
    } catch (IOException | IllegalStateException e) {
      LOG.debug("could not write the 500 response", e);
    }
  }

  private void plain(Context ctx, int status, Exception e) {
    respond(ctx, () -> Responses.plain(ctx, status, e.getMessage()));
  }

  private void tooManyAttempts(TooManyAttemptsException e, Context ctx) {
    ctx.header("Retry-After", Long.toString(Math.max(1, e.retryAfter().toSeconds())));
    plain(ctx, 429, e);
  }

  /**
   * 503 with the condition only ({@code the token store's disk is full}); the full message, which
   * names the database's path, goes to the log once, and the stack trace only at DEBUG.
   */
  private void storeFailure(StoreException e, Context ctx) {
    LOG.error("token store failure: {}", e.getMessage());
    LOG.debug("token store failure", e);
    respond(ctx, () -> Responses.plain(ctx, 503, STORE_UNAVAILABLE + e.condition()));
  }

  private void javalinResponse(HttpResponseException e, Context ctx) {
    int status = e.getStatus();
    String body;
    if (status == 404) {
      body = notFoundBody;
    } else if (status == 413) {
      body = PipelineFilter.TOO_LARGE_BODY;
    } else {
      body = HttpStatus.forStatus(status).getMessage().toLowerCase(Locale.ROOT);
    }
    respond(ctx, () -> Responses.plain(ctx, status, body));
  }

  private void unexpected(Exception e, Context ctx) {
    Optional<UnreadableBody> unreadable = UnreadableBody.of(e);
    if (unreadable.isPresent()) {
      unreadableBody(unreadable.get(), ctx);
      return;
    }
    LOG.error("unexpected failure serving {} {}", ctx.method(), ctx.path(), e);
    respond(ctx, () -> Responses.plain(ctx, 500, INTERNAL_ERROR));
  }

  /**
   * A request whose body Jetty could not read (malformed chunking, early end of stream, a chunked
   * body over the limit): the client's fault, so a 4xx and at most one short line a minute per
   * kind, never a stack trace.
   */
  private void unreadableBody(UnreadableBody failure, Context ctx) {
    unreadableBodyLog.log(failure.kind());
    respond(ctx, () -> Responses.plain(ctx, failure.status(), failure.body()));
  }

  private void respond(Context ctx, Runnable writer) {
    ctx.header(Responses.CLUSTER_UUID, clusterUuid);
    writer.run();
  }
}
