package io.tollgate.http;

import static io.javalin.http.HandlerType.DELETE;
import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.PATCH;
import static io.javalin.http.HandlerType.POST;

import io.tollgate.core.domain.Permission;
import io.tollgate.http.HttpServerConfig.AuthzExemption;
import java.util.ArrayList;
import java.util.List;

/**
 * The route table of Tollgate's own API, one row per route: path, method, what it needs, handler.
 * Adding a route means adding a row here; nothing else in the adapter knows paths or permissions.
 */
final class ServerRoutes {
  static final Permission HEALTH_READ = Permission.required("system", "health", "read");
  static final Permission PING_READ = Permission.required("system", "ping", "read");
  static final Permission METRICS_READ = Permission.required("system", "metrics", "read");

  private ServerRoutes() {}

  /**
   * {@code /api/v3/configure/token*} and {@code /api/v3/enterprise/configure/token}: token
   * management, admin tokens only, but for the bootstrap of {@code _admin}.
   */
  static List<Route> tokenApi(TokenRoutes tokens, boolean recoveryCodes) {
    List<Route> rows = new ArrayList<>();
    rows.add(
        Route.of(
            POST, TokenRoutes.CREATE_ADMIN, Access.secretIssuer(), tokens::createOperatorToken));
    rows.add(
        Route.of(POST, TokenRoutes.REGENERATE, Access.admin(), tokens::regenerateOperatorToken));
    rows.add(
        Route.of(POST, TokenRoutes.NAMED_ADMIN, Access.admin(), tokens::createNamedAdminToken)
            .takingBody());
    rows.add(
        Route.of(POST, TokenRoutes.RESOURCE_TOKEN, Access.admin(), tokens::createResourceToken)
            .takingBody());
    rows.add(Route.of(DELETE, TokenRoutes.TOKEN, Access.admin(), tokens::deleteToken));
    rows.add(Route.of(GET, TokenRoutes.TOKEN, Access.admin(), tokens::listTokens));
    rows.add(Route.of(PATCH, TokenRoutes.TOKEN, Access.admin(), tokens::updateToken).takingBody());
    if (recoveryCodes) {
      rows.add(
          Route.of(POST, TokenRoutes.RECOVERY_CODE, Access.admin(), tokens::issueRecoveryCode));
    }
    return rows;
  }

  /** {@code GET /api/v3/configure/token/audit}: the audit trail, admin tokens only. */
  static List<Route> audit(AuditRoutes audit) {
    return List.of(Route.of(GET, AuditRoutes.AUDIT, Access.admin(), audit::list));
  }

  /** {@code /api/v3/query_sql} on {@code system.tokens}: a token listing, admin tokens only. */
  static List<Route> query(TokenRoutes tokens) {
    return List.of(
        Route.of(GET, TokenRoutes.QUERY_SQL, Access.admin(), tokens::querySqlGet),
        Route.of(POST, TokenRoutes.QUERY_SQL, Access.admin(), tokens::querySqlPost).takingBody());
  }

  /**
   * SPEC section 9's forward authentication, any method: the handler reads the credentials and
   * decides, and only ever answers 200, 401 or 403.
   */
  static List<Route> forwardAuthentication(ForwardAuth forwardAuth) {
    Access decided = Access.decidedByHandler();
    return List.of(
        Route.of(Route.ANY_METHOD, ForwardAuth.FORWARD_AUTH, decided, forwardAuth::forwardAuth),
        Route.of(Route.ANY_METHOD, ForwardAuth.AUTH_REQUEST, decided, forwardAuth::authRequest),
        Route.of(
            Route.ANY_METHOD, ForwardAuth.EXT_AUTHZ_PREFIX + "*", decided, forwardAuth::extAuthz));
  }

  /** Health, ping and metrics: each its {@code system} permission, or none when exempted. */
  static List<Route> operations(OpsRoutes ops) {
    Access health = Access.requires(HEALTH_READ).exemptibleAs(AuthzExemption.HEALTH);
    return List.of(
        Route.of(GET, OpsRoutes.HEALTH, health, ops::health),
        Route.of(GET, OpsRoutes.V1_HEALTH, health, ops::health),
        Route.of(GET, OpsRoutes.LIVE, health, ops::live),
        Route.of(GET, OpsRoutes.READY, health, ops::ready),
        Route.of(
            GET,
            OpsRoutes.PING,
            Access.requires(PING_READ).exemptibleAs(AuthzExemption.PING),
            ops::ping),
        Route.of(
            GET,
            OpsRoutes.METRICS,
            Access.requires(METRICS_READ).exemptibleAs(AuthzExemption.METRICS),
            ops::metrics));
  }

  /**
   * The web console ({@code /console/}): one row per file of {@link ConsoleAssets}' fixed list, no
   * token; {@code /console} redirects to {@code /console/}.
   */
  static List<Route> console(ConsoleAssets assets) {
    List<Route> rows = new ArrayList<>();
    rows.add(Route.of(GET, ConsoleAssets.BARE_PATH, Access.publicAsset(), assets::redirect));
    for (String path : assets.paths()) {
      rows.add(
          new Route(GET, path, Access.publicAsset(), ConsoleAssets.METRIC_LABEL, assets::serve));
    }
    return rows;
  }
}
