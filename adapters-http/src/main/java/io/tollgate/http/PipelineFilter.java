package io.tollgate.http;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.tollgate.core.domain.AuthenticationResult;
import io.tollgate.core.domain.AuthorizationResult;
import io.tollgate.core.domain.ForbiddenException;
import io.tollgate.core.domain.Permission;
import io.tollgate.core.domain.StoreUnavailableException;
import io.tollgate.core.domain.Token;
import io.tollgate.core.domain.TokenSecret;
import io.tollgate.core.port.in.TokenAuthority;
import io.tollgate.http.HttpServerConfig.AuthzExemption;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * The request pipeline of SPEC section 3, as one before-handler, in this order: the client address
 * ({@link ClientAddress}); a row whose handler decides on its own (forward authentication) runs at
 * once, outside CORS, the body limit and Javalin's routing; CORS ({@link CorsPolicy}: an allowed
 * origin's {@code OPTIONS} → 204, its responses get {@code Access-Control-Allow-Origin}; a route
 * that issues a secret without a token refuses cross-site callers with 403); {@code --without-auth}
 * → 405 for the token API and nothing else checked; otherwise the request's row of the {@link
 * RouteTable} says what it needs: nothing (exempt), or a permission, decided by core's {@code
 * authorize} (400 malformed header; 401 missing, unknown, expired or inactive; 403 not permitted),
 * after {@link AuthFailures} has refused a throttled client address (429) and before it records a
 * failure or denial. A path without a row needs any valid token and then gets 404. Bodies over 64
 * KiB are refused with 413; a body is waited for only on a route that takes one ({@link
 * Route#takesBody}) once the caller's token holds its permission, within {@link BodyWaits}' bounds,
 * and otherwise dropped as far as it has arrived.
 */
final class PipelineFilter implements Handler {
  static final long MAX_BODY_BYTES = 64 * 1024;
  static final String WITHOUT_AUTH_BODY = "endpoint disabled, started without auth";
  static final String TOO_LARGE_BODY = "max request size (" + MAX_BODY_BYTES + " bytes) exceeded";

  private final TokenAuthority authority;
  private final String clusterUuid;
  private final boolean withoutAuth;
  private final Set<AuthzExemption> exemptions;
  private final RouteTable routes;
  private final HttpMetrics metrics;
  private final CorsPolicy cors;
  private final ClientAddress clientAddress;
  private final AuthFailures failures;
  private final BodyWaits bodyWaits = new BodyWaits();

  PipelineFilter(
      TokenAuthority authority,
      UUID clusterId,
      boolean withoutAuth,
      Set<AuthzExemption> exemptions,
      RouteTable routes,
      HttpMetrics metrics,
      CorsPolicy cors,
      ClientAddress clientAddress,
      AuthFailures failures) {
    this.authority = authority;
    this.clusterUuid = clusterId.toString();
    this.withoutAuth = withoutAuth;
    this.exemptions = Set.copyOf(exemptions);
    this.routes = routes;
    this.metrics = metrics;
    this.cors = cors;
    this.clientAddress = clientAddress;
    this.failures = failures;
  }

  @Override
  public void handle(Context ctx) {
    ctx.header(Responses.CLUSTER_UUID, clusterUuid);
    attachClientAddress(ctx);
    String path = ctx.path();
    Route route = routes.find(ctx.method(), path);
    if (route != null && route.dispatchedByFilter()) {
      // forward authentication: no CORS, no body limit, no routing; the handler answers alone
      ctx.skipRemainingHandlers();
      try {
        route.handler().handle(ctx);
      } catch (StoreUnavailableException e) {
        throw e; // failing closed: HttpErrors answers 503, never an allow
      } catch (Exception e) {
        // such a handler answers every failure itself; anything left over is a refusal
        Responses.json(ctx, 403, HttpErrors.FORBIDDEN);
      }
      return;
    }
    if (cors.apply(ctx)) {
      ctx.skipRemainingHandlers();
      return;
    }
    if (route != null && route.access().issuesSecretWithoutToken()) {
      cors.refuseCrossSiteSecretRequest(ctx);
    }
    boolean callerChecked = false;
    if (withoutAuth) {
      if (isTokenApi(path)) {
        throw HttpFailure.plain(405, WITHOUT_AUTH_BODY);
      }
    } else if (route == null) {
      authorize(ctx, null);
      callerChecked = true;
    } else if (!route.access().skipsAuthentication(exemptions)) {
      authorize(ctx, route.access().required());
      callerChecked = true;
    }
    // only a route that takes a body waits for it, and only for a token that holds its permission
    // (without auth, every caller is trusted as the operator chose)
    boolean mayWaitForBody = route != null && route.takesBody() && (withoutAuth || callerChecked);
    if (mayWaitForBody) {
      RequestBody.allowWaiting(ctx, bodyWaits);
    }
    enforceBodyLimit(ctx, mayWaitForBody);
  }

  /** Sets the request's client address ({@link ClientAddress#ATTRIBUTE}). */
  void attachClientAddress(Context ctx) {
    clientAddress.attachTo(ctx);
  }

  /**
   * Refuses a throttled client address (429), reads the Authorization header, asks core whether its
   * token holds {@code required} (null: any valid token) and attaches the {@link Principal}; or
   * throws the 400 (malformed), 401 (missing, unknown, expired, inactive) or 403 (valid, not
   * permitted) refusal, recording a presented credential's 401 or 403 with {@link AuthFailures}.
   */
  void authorize(Context ctx, Permission required) {
    failures.requireAllowed(ctx);
    AuthorizationHeader.Parsed parsed = AuthorizationHeader.parse(ctx.req());
    if (parsed instanceof AuthorizationHeader.Malformed) {
      metrics.recordAuthentication("malformed");
      throw HttpFailure.json(400, Responses.MALFORMED_AUTHORIZATION);
    }
    if (!(parsed instanceof AuthorizationHeader.Presented presented)) {
      metrics.recordAuthentication("missing");
      throw HttpFailure.json(401, Responses.NOT_AUTHENTICATED);
    }
    Token token;
    if (required == null) {
      AuthenticationResult result = authority.authenticate(presented.token());
      metrics.recordAuthentication(result.outcome());
      if (!result.isAuthenticated()) {
        failures.authenticationFailed(ctx, presented.token(), ctx.method().name(), ctx.path());
        throw HttpFailure.json(401, Responses.NOT_AUTHENTICATED);
      }
      token = result.token();
    } else {
      AuthorizationResult result = authority.authorize(presented.token(), required);
      metrics.recordAuthentication(result.outcome());
      if (result instanceof AuthorizationResult.Forbidden forbidden) {
        failures.authorizationDenied(
            ctx, presented.token(), forbidden.deniedToken(), ctx.method().name(), ctx.path());
        throw new ForbiddenException();
      }
      if (!result.isAllowed()) {
        failures.authenticationFailed(ctx, presented.token(), ctx.method().name(), ctx.path());
        throw HttpFailure.json(401, Responses.NOT_AUTHENTICATED);
      }
      token = result.token();
    }
    new Principal(token, new TokenSecret(presented.token())).attachTo(ctx);
  }

  /**
   * Refuses a body over {@link #MAX_BODY_BYTES} with 413. Unless {@code mayWaitForBody}, the body
   * is dropped here, never waited for ({@link UnreadBody#discardArrived}): the handler reads none.
   */
  private void enforceBodyLimit(Context ctx, boolean mayWaitForBody) {
    long length = ctx.req().getContentLengthLong();
    if (length > MAX_BODY_BYTES) {
      throw mayWaitForBody ? UnreadBody.tooLarge(ctx, bodyWaits) : UnreadBody.tooLarge(ctx);
    }
    if (!mayWaitForBody) {
      if (UnreadBody.discardArrived(ctx) > MAX_BODY_BYTES) {
        throw UnreadBody.tooLargeRefusal();
      }
      return;
    }
    if (length < 0 && ctx.header("Transfer-Encoding") != null) {
      RequestBody.of(ctx); // reads at most the limit, refusing more with 413
    }
  }

  /**
   * True for the token API, however the path is spelled (percent-encoded, upper case, doubled
   * slashes): under {@code --without-auth} no spelling may reach it.
   */
  static boolean isTokenApi(String path) {
    String canonical = canonicalPath(path);
    String lower = path.toLowerCase(Locale.ROOT);
    for (String prefix : TokenRoutes.TOKEN_API_PREFIXES) {
      if (canonical.startsWith(prefix) || lower.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  /**
   * {@code path} percent-decoded, without {@code ;} path parameters, with doubled slashes
   * collapsed, in lower case.
   */
  static String canonicalPath(String path) {
    String canonical = path;
    try {
      canonical = URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      // an undecodable path cannot be routed either; compare it as it is
    }
    return canonical.replaceAll(";[^/]*", "").replaceAll("/{2,}", "/").toLowerCase(Locale.ROOT);
  }
}
