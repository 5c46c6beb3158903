package io.tollgate.http;

import io.javalin.http.Context;
import io.tollgate.core.domain.AuthenticationResult;
import io.tollgate.core.domain.AuthenticationThrottledException;
import io.tollgate.core.domain.AuthorizationResult;
import io.tollgate.core.domain.Permission;
import io.tollgate.core.domain.StoreUnavailableException;
import io.tollgate.core.domain.Token;
import io.tollgate.core.port.in.TokenAuthority;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SPEC section 9: the endpoints gateways ask "may this request pass?". The original request's
 * method, host and URI come from where each gateway puts them ({@link Style}); what it needs from
 * the {@code require=} parameters (all must hold; not for ext_authz, whose query string is the
 * client's), else the first matching {@link AuthzRules} rule, else any valid token; the decision is
 * core's. The answer is only ever 200 (with {@code X-Tollgate-Token-Id} and {@code
 * X-Tollgate-Token-Name}), 401 (with {@code WWW-Authenticate}) or 403, or, for a throttled client
 * address ({@link AuthFailures}, checked before the token), 429 with {@code Retry-After}: Traefik,
 * Caddy and Envoy pass that on to their client. nginx's auth_request knows only 2xx, 401 and 403
 * and turns anything else into a 500, so {@code auth-request} answers a throttled client 403 with
 * the same body and {@code Retry-After}. Every other failure, expected or not, is a refusal.
 */
final class ForwardAuth {
  static final String FORWARD_AUTH = "/api/authz/forward-auth";
  static final String AUTH_REQUEST = "/api/authz/auth-request";
  static final String EXT_AUTHZ_PREFIX = "/api/authz/ext-authz/";
  static final String TOKEN_ID = "X-Tollgate-Token-Id";
  static final String TOKEN_NAME = "X-Tollgate-Token-Name";

  private static final Logger LOG = LoggerFactory.getLogger(ForwardAuth.class);
  private static final String REQUIRE = "require";

  /** What a {@code require=} that is not a permission asks for: nothing can hold it (403). */
  static final List<Permission> UNSATISFIABLE = List.of(Permission.ADMIN, Permission.ADMIN);

  /** Where a gateway puts the original request. */
  enum Style {
    /** Traefik ForwardAuth, Caddy forward_auth: {@code X-Forwarded-Method/Host/Uri}. */
    FORWARD_AUTH,
    /** nginx auth_request: {@code X-Original-Method/URI}, {@code X-Forwarded-Host} or Host. */
    AUTH_REQUEST,
    /** Envoy ext_authz: this request's method and host, its path after the prefix. */
    EXT_AUTHZ
  }

  private final TokenAuthority authority;
  private final AuthzRules rules;
  private final Consumer<String> outcomes;
  private final AuthFailures failures;
  private final RateLimitedLog unexpected =
      new RateLimitedLog(LOG, "forward authentication failed unexpectedly, answered 403 ({})");

  /**
   * {@code outcomes} records each authentication outcome (the metrics' counter); {@code failures}
   * throttles client addresses and records refusals.
   */
  ForwardAuth(
      TokenAuthority authority,
      AuthzRules rules,
      Consumer<String> outcomes,
      AuthFailures failures) {
    this.authority = authority;
    this.rules = rules;
    this.outcomes = outcomes;
    this.failures = failures;
  }

  void forwardAuth(Context ctx) {
    answer(ctx, Style.FORWARD_AUTH);
  }

  void authRequest(Context ctx) {
    answer(ctx, Style.AUTH_REQUEST);
  }

  void extAuthz(Context ctx) {
    answer(ctx, Style.EXT_AUTHZ);
  }

  /**
   * Decides and answers; nothing escapes but a 200, 401 or 403, the throttle's refusal, or, while
   * this node cannot vouch that its tokens are current, the {@link StoreUnavailableException} that
   * {@link HttpErrors} turns into a 503: never an allow on a view that may miss a revocation.
   */
  void answer(Context ctx, Style style) {
    UnreadBody.discardArrived(ctx); // a gateway sends no body; a client might, never waited for
    try {
      decide(ctx, style);
    } catch (StoreUnavailableException e) {
      throw e;
    } catch (AuthenticationThrottledException e) {
      HttpErrors.throttled(ctx, style == Style.AUTH_REQUEST ? 403 : 429, e);
    } catch (RuntimeException e) {
      unexpected.log(e.getClass().getSimpleName());
      LOG.debug("forward authentication failure", e);
      deny(ctx, 403);
    }
  }

  private void decide(Context ctx, Style style) {
    List<Permission> required = style == Style.EXT_AUTHZ ? null : requiredByQuery(ctx);
    if (required == UNSATISFIABLE) {
      outcomes.accept("forbidden");
      deny(ctx, 403);
      return;
    }
    if (required == null && !rules.isEmpty()) {
      AuthzRules.Rule rule =
          rules.first(method(ctx, style), host(ctx, style), OriginalPath.segments(uri(ctx, style)));
      if (rule != null && rule.anonymous()) {
        allowAnonymous(ctx);
        return;
      }
      required = rule == null ? null : rule.require();
    }
    failures.requireAllowed(ctx);
    String presented = presentedToken(ctx);
    if (presented == null) {
      deny(ctx, 401);
      return;
    }
    if (required == null || required.isEmpty()) {
      AuthenticationResult result = authority.authenticate(presented);
      outcomes.accept(result.outcome());
      if (result.isAuthenticated()) {
        allow(ctx, result.token());
      } else {
        failures.authenticationFailed(
            ctx, presented, auditMethod(ctx, style), auditPath(ctx, style));
        deny(ctx, 401);
      }
      return;
    }
    AuthorizationResult result = authority.authorize(presented, required.get(0));
    outcomes.accept(result.outcome());
    if (result instanceof AuthorizationResult.Forbidden forbidden) {
      failures.authorizationDenied(
          ctx, presented, forbidden.deniedToken(), auditMethod(ctx, style), auditPath(ctx, style));
      deny(ctx, 403);
      return;
    }
    if (!result.isAllowed()) {
      failures.authenticationFailed(ctx, presented, auditMethod(ctx, style), auditPath(ctx, style));
      deny(ctx, 401);
      return;
    }
    Token token = result.token();
    for (int i = 1; i < required.size(); i++) {
      if (!token.permissions().grants(required.get(i))) {
        failures.authorizationDenied(
            ctx, presented, token, auditMethod(ctx, style), auditPath(ctx, style));
        deny(ctx, 403);
        return;
      }
    }
    allow(ctx, token);
  }

  /** The token of the Authorization header; null (and a metric) when missing or malformed. */
  private String presentedToken(Context ctx) {
    AuthorizationHeader.Parsed parsed = AuthorizationHeader.parse(ctx.req());
    if (parsed instanceof AuthorizationHeader.Presented presented) {
      return presented.token();
    }
    outcomes.accept(parsed instanceof AuthorizationHeader.Missing ? "missing" : "malformed");
    return null;
  }

  /**
   * Every {@code require=PERM} of the query string, null when there is none, or {@link
   * #UNSATISFIABLE} when one is not a permission (or not decodable).
   */
  static List<Permission> requiredByQuery(Context ctx) {
    String query = ctx.queryString();
    if (query == null || query.indexOf(REQUIRE) < 0) {
      return null;
    }
    List<Permission> required = null;
    for (String pair : query.split("&", -1)) {
      int equals = pair.indexOf('=');
      String name = equals < 0 ? pair : pair.substring(0, equals);
      if (!name.equals(REQUIRE)) {
        continue;
      }
      if (required == null) {
        required = new ArrayList<>(2);
      }
      try {
        String value =
            equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
        required.add(Permission.parse(value));
      } catch (RuntimeException e) {
        return UNSATISFIABLE;
      }
    }
    return required;
  }

  static String method(Context ctx, Style style) {
    return switch (style) {
      case FORWARD_AUTH -> ctx.header("X-Forwarded-Method");
      case AUTH_REQUEST -> ctx.header("X-Original-Method");
      case EXT_AUTHZ -> ctx.req().getMethod();
    };
  }

  static String host(Context ctx, Style style) {
    String forwarded = ctx.header("X-Forwarded-Host");
    return switch (style) {
      case FORWARD_AUTH -> forwarded;
      case AUTH_REQUEST -> forwarded != null ? forwarded : ctx.header("Host");
      case EXT_AUTHZ -> ctx.header("Host");
    };
  }

  static String uri(Context ctx, Style style) {
    return switch (style) {
      case FORWARD_AUTH -> ctx.header("X-Forwarded-Uri");
      case AUTH_REQUEST -> ctx.header("X-Original-URI");
      case EXT_AUTHZ -> {
        String path = ctx.req().getRequestURI();
        yield path.startsWith(EXT_AUTHZ_PREFIX)
            ? path.substring(EXT_AUTHZ_PREFIX.length() - 1)
            : null;
      }
    };
  }

  /** The original request's method for the audit, or this request's when the gateway sent none. */
  static String auditMethod(Context ctx, Style style) {
    String method = method(ctx, style);
    return method == null ? ctx.req().getMethod() : method;
  }

  /**
   * The original request's path for the audit, without its query string (which may hold anything of
   * the client's), or this request's path when the gateway sent none.
   */
  static String auditPath(Context ctx, Style style) {
    String uri = uri(ctx, style);
    if (uri == null) {
      return ctx.path();
    }
    int query = uri.indexOf('?');
    return query < 0 ? uri : uri.substring(0, query);
  }

  private void allowAnonymous(Context ctx) {
    outcomes.accept("anonymous");
    Responses.empty(ctx, 200);
  }

  private static void allow(Context ctx, Token token) {
    ctx.header(TOKEN_ID, Long.toString(token.id().value()));
    ctx.header(TOKEN_NAME, headerSafe(token.name().value()));
    Responses.empty(ctx, 200);
  }

  private static void deny(Context ctx, int status) {
    Responses.json(ctx, status, status == 401 ? Responses.NOT_AUTHENTICATED : HttpErrors.FORBIDDEN);
  }

  /** A token name as a header value: itself when printable ASCII, else percent-encoded UTF-8. */
  static String headerSafe(String name) {
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c < 0x20 || c > 0x7e || c == '%') {
        return percentEncoded(name);
      }
    }
    return name;
  }

  private static String percentEncoded(String name) {
    StringBuilder out = new StringBuilder();
    for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (c >= 0x20 && c <= 0x7e && c != '%') {
        out.append((char) c);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)));
        out.append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return out.toString();
  }
}
