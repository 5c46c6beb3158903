package io.tollgate.http;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.tollgate.core.domain.AuthenticationResult;
import io.tollgate.core.domain.TokenSecret;
import io.tollgate.core.port.in.AuthenticateUseCase;
import io.tollgate.http.HttpServerConfig.AuthzExemption;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * The request pipeline of SPEC section 3, as one before-handler, in this order: CORS ({@link
 * CorsPolicy}: an allowed origin's {@code OPTIONS} → 204, its responses get {@code
 * Access-Control-Allow-Origin}; the unauthenticated bootstrap refuses cross-site callers with 403);
 * {@code --without-auth} → 405 for the token API and nothing else checked; the exempt paths skip
 * authentication; otherwise authenticate (400 malformed, 401 missing, unknown or expired). Bodies
 * over 64 KiB are then refused with 413; routing (404) comes after this filter.
 */
final class PipelineFilter implements Handler {
  static final long MAX_BODY_BYTES = 64 * 1024;
  static final String WITHOUT_AUTH_BODY = "endpoint disabled, started without auth";
  static final String TOO_LARGE_BODY = "max request size (" + MAX_BODY_BYTES + " bytes) exceeded";

  private final AuthenticateUseCase authenticator;
  private final String clusterUuid;
  private final boolean withoutAuth;
  private final Set<String> exemptPaths;
  private final HttpMetrics metrics;
  private final CorsPolicy cors;

  PipelineFilter(
      AuthenticateUseCase authenticator,
      UUID clusterId,
      boolean withoutAuth,
      Set<AuthzExemption> exemptions,
      HttpMetrics metrics,
      CorsPolicy cors) {
    this.authenticator = authenticator;
    this.cors = cors;
    this.clusterUuid = clusterId.toString();
    this.withoutAuth = withoutAuth;
    this.exemptPaths = exemptPaths(exemptions);
    this.metrics = metrics;
  }

  static Set<String> exemptPaths(Set<AuthzExemption> exemptions) {
    Set<String> paths = new HashSet<>();
    if (exemptions.contains(AuthzExemption.HEALTH)) {
      paths.add(OpsRoutes.HEALTH);
      paths.add(OpsRoutes.V1_HEALTH);
    }
    if (exemptions.contains(AuthzExemption.PING)) {
      paths.add(OpsRoutes.PING);
    }
    if (exemptions.contains(AuthzExemption.METRICS)) {
      paths.add(OpsRoutes.METRICS);
    }
    return Set.copyOf(paths);
  }

  @Override
  public void handle(Context ctx) {
    ctx.header(Responses.CLUSTER_UUID, clusterUuid);
    if (cors.apply(ctx)) {
      ctx.skipRemainingHandlers();
      return;
    }
    String path = ctx.path();
    if (isUnauthenticatedSecretIssuer(ctx.method(), path)) {
      cors.refuseCrossSiteSecretRequest(ctx);
    }
    if (withoutAuth) {
      if (isTokenApi(path)) {
        throw HttpFailure.plain(405, WITHOUT_AUTH_BODY);
      }
    } else if (!isExempt(ctx.method(), path)) {
      authenticate(ctx);
    }
    enforceBodyLimit(ctx);
  }

  private boolean isExempt(HandlerType method, String path) {
    return isUnauthenticatedSecretIssuer(method, path) || exemptPaths.contains(path);
  }

  /** The bootstrap: it answers with the operator token's secret and demands no token. */
  private static boolean isUnauthenticatedSecretIssuer(HandlerType method, String path) {
    return method == HandlerType.POST && TokenRoutes.CREATE_ADMIN.equals(path);
  }

  /**
   * Step 4 alone: reads the Authorization header and attaches the {@link Principal}, or throws the
   * 400 (malformed) or 401 (missing, unknown, expired) {@link HttpFailure}.
   */
  void authenticate(Context ctx) {
    List<String> values = Collections.list(ctx.req().getHeaders("Authorization"));
    AuthorizationHeader.Parsed parsed = AuthorizationHeader.parse(values);
    if (parsed instanceof AuthorizationHeader.Malformed) {
      metrics.recordAuthentication("malformed");
      throw HttpFailure.json(400, Responses.MALFORMED_AUTHORIZATION);
    }
    if (!(parsed instanceof AuthorizationHeader.Presented presented)) {
      metrics.recordAuthentication("missing");
      throw HttpFailure.json(401, Responses.NOT_AUTHENTICATED);
    }
    AuthenticationResult result = authenticator.authenticate(presented.token());
    metrics.recordAuthentication(result.outcome());
    if (!result.isAuthenticated()) {
      throw HttpFailure.json(401, Responses.NOT_AUTHENTICATED);
    }
    new Principal(result.token(), new TokenSecret(presented.token())).attachTo(ctx);
  }

  private static void enforceBodyLimit(Context ctx) {
    long length = ctx.req().getContentLengthLong();
    if (length > MAX_BODY_BYTES) {
      throw HttpFailure.plain(413, TOO_LARGE_BODY);
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
    return canonicalPath(path).startsWith(TokenRoutes.TOKEN_PREFIX)
        || path.toLowerCase(Locale.ROOT).startsWith(TokenRoutes.TOKEN_PREFIX);
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
