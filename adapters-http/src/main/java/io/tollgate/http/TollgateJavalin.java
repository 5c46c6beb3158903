package io.tollgate.http;

import io.javalin.config.JavalinState;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.plugin.Plugin;
import io.javalin.security.RouteRole;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tollgate.core.crypto.CredentialFingerprint;
import io.tollgate.core.domain.NotAuthenticatedException;
import io.tollgate.core.domain.Permission;
import io.tollgate.core.domain.failure.FailureLimit;
import io.tollgate.core.domain.failure.FailureThrottle;
import io.tollgate.core.port.in.TokenAuthority;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * A Javalin 7 plugin that protects your own app's routes with Tollgate admin tokens.
 *
 * <pre>{@code
 * Javalin app = Javalin.create(config -> {
 *   config.registerPlugin(new TollgateJavalin(tollgate, options -> options.protect("/admin")));
 *   config.routes.get("/admin/hello", ctx -> ctx.result("hello " + TollgateJavalin.principal(ctx).name()));
 * });
 * }</pre>
 *
 * <p><b>Rules.</b> A protected request must carry {@code Authorization: <scheme> <token>} exactly
 * as Tollgate's own server demands (SPEC section 3: schemes {@code Bearer}, {@code Token}, {@code
 * Basic}, schemes matched case-insensitively, one token). A malformed header gets 400 and a
 * missing, unknown, inactive or expired token gets 401, with InfluxDB 3's JSON bodies, byte for
 * byte; your handler does not run. {@code OPTIONS} requests are not authenticated (CORS preflights
 * carry no credentials). With no {@link Options#protect} prefix every path is protected. Prefixes
 * are compared after percent-decoding, dropping {@code ;} path parameters, collapsing doubled
 * slashes and lower-casing, so no spelling of a protected path escapes; {@code /admin} protects
 * {@code /admin} and {@code /admin/…}, not {@code /administrator}.
 *
 * <p><b>Token API.</b> With {@link Options#mountTokenApi()} the app also serves InfluxDB 3's {@code
 * /api/v3/configure/token*} endpoints through Tollgate's full request pipeline (creating {@code
 * _admin} needs no token while none exists; every other call does), with Tollgate's statuses and
 * bodies for its own errors. Your app's other error handlers are left alone.
 *
 * <p><b>Throttling.</b> A client address with more than {@link Options#authFailureLimit} failed
 * authentications (default 20 a minute) gets 429 {@code {"error": "too many failed authentication
 * attempts"}} with {@code Retry-After} on every protected request, before its token is checked,
 * until its window has passed. The client address is the peer's, or {@code X-Forwarded-For}'s when
 * the peer is on loopback.
 *
 * <p><b>Secrets.</b> The presented token is never logged and never handed to your handlers: {@link
 * #principal(Context)} gives only the token's id and name. Thread-safe; register one per app.
 */
public final class TollgateJavalin extends Plugin<TollgateJavalin.Options> {

  private final TokenAuthority authority;

  /**
   * Protects every path of the app.
   *
   * @param authority the token authority, such as {@code io.tollgate.embedded.Tollgate}
   * @throws NullPointerException if {@code authority} is null
   */
  public TollgateJavalin(TokenAuthority authority) {
    this(authority, options -> {});
  }

  /**
   * Protects what {@code options} names.
   *
   * @param authority the token authority, such as {@code io.tollgate.embedded.Tollgate}
   * @param options sets the protected prefixes, the token API and the meter registry
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if a prefix does not start with {@code /}
   */
  public TollgateJavalin(TokenAuthority authority, Consumer<Options> options) {
    super(Objects.requireNonNull(options, "options"), new Options());
    this.authority = Objects.requireNonNull(authority, "authority");
  }

  /**
   * What the plugin protects and serves. All methods return this object for chaining; none of them
   * is thread-safe, since Javalin calls the options consumer once while the app is configured.
   */
  public static final class Options {
    private final List<String> prefixes = new ArrayList<>();
    private boolean mountTokenApi;
    private MeterRegistry registry = new SimpleMeterRegistry();
    private final List<String> corsOrigins = new ArrayList<>();
    private FailureLimit authFailureLimit = FailureLimit.DEFAULT;

    Options() {}

    /**
     * How many failed authentications one client address may have per window before its requests
     * are refused with 429 until the window has passed, as {@code tollgate serve
     * --auth-failure-limit} takes it.
     *
     * @param limit {@code N/WINDOW} such as {@code 20/1m} (the default) or {@code 100/1h}, or
     *     {@code 0} for no throttling
     * @return these options
     * @throws IllegalArgumentException for another value
     */
    public Options authFailureLimit(String limit) {
      this.authFailureLimit = FailureLimit.parse(limit);
      return this;
    }

    /**
     * Protects these path prefixes instead of every path; may be called more than once.
     *
     * @param pathPrefixes such as {@code /admin} or {@code /api/}
     * @return these options
     * @throws IllegalArgumentException if a prefix is null or does not start with {@code /}
     */
    public Options protect(String... pathPrefixes) {
      for (String prefix : pathPrefixes) {
        if (prefix == null || !prefix.startsWith("/")) {
          throw new IllegalArgumentException(
              "a protected path prefix must start with /: " + prefix);
        }
        prefixes.add(PipelineFilter.canonicalPath(prefix));
      }
      return this;
    }

    /**
     * Also serves the {@code /api/v3/configure/token*} endpoints of InfluxDB 3 Core (create,
     * regenerate, create named, delete, list) in this app.
     *
     * @return these options
     */
    public Options mountTokenApi() {
      this.mountTokenApi = true;
      return this;
    }

    /**
     * Allows cross-origin access to the mounted token API from these origins, as {@code tollgate
     * serve --cors-allow-origin} does: their preflights get 204 and their responses {@code
     * Access-Control-Allow-Origin}. Without it (the default) the token API sends no CORS headers,
     * and creating {@code _admin} refuses (403) any request with an {@code Origin} header or {@code
     * Sec-Fetch-Site: cross-site}. Your own routes are not touched: configure their CORS yourself.
     *
     * @param origins each {@code scheme://host[:port]}, or {@code *} for every origin
     * @return these options
     * @throws IllegalArgumentException for a value that is neither
     */
    public Options corsAllowOrigin(String... origins) {
      for (String origin : origins) {
        corsOrigins.add(CorsPolicy.parseOrigin(origin));
      }
      return this;
    }

    /**
     * Where authentication outcomes are counted ({@code tollgate_authentications_total}); by
     * default a private registry nobody reads.
     *
     * @param meterRegistry your registry
     * @return these options
     * @throws NullPointerException if {@code meterRegistry} is null
     */
    public Options meterRegistry(MeterRegistry meterRegistry) {
      this.registry = Objects.requireNonNull(meterRegistry, "meterRegistry");
      return this;
    }
  }

  /**
   * A route role saying the route needs {@code permission}: give it when you add the route, and the
   * plugin answers 401 (no valid token) or 403 (a valid token without the permission) exactly as
   * Tollgate's own server does, before your handler runs.
   *
   * <pre>{@code
   * config.routes.get("/orders", handler, TollgateJavalin.requires("orders:*:read"));
   * config.routes.post("/orders", handler, TollgateJavalin.requires("orders:*:write"));
   * }</pre>
   *
   * @param permission {@code TYPE:NAME:ACTION}, such as {@code orders:*:read}; declare the type
   *     with its actions on your token authority so that tokens can be given it
   * @return the role
   * @throws io.tollgate.core.domain.InvalidPermissionException if {@code permission} is not {@code
   *     TYPE:NAMES:ACTIONS}
   */
  public static RouteRole requires(String permission) {
    return new RequiredPermission(Permission.parse(permission));
  }

  /** The role {@link #requires} makes. */
  private record RequiredPermission(Permission permission) implements RouteRole {}

  /**
   * The token that authenticated this request.
   *
   * @param ctx the request, inside a handler of a protected path
   * @return the token's id and name, never its secret
   * @throws NotAuthenticatedException if the request was not authenticated by this plugin (the path
   *     is not protected); the plugin answers it with 401
   */
  public static TollgatePrincipal principal(Context ctx) {
    return findPrincipal(ctx).orElseThrow(NotAuthenticatedException::new);
  }

  /**
   * The token that authenticated this request, if any.
   *
   * @param ctx the request
   * @return the token's id and name, or empty when the path is not protected
   */
  public static Optional<TollgatePrincipal> findPrincipal(Context ctx) {
    return Principal.find(ctx)
        .map(p -> new TollgatePrincipal(p.token().id().value(), p.token().name().value()));
  }

  /** Called by Javalin while the app is created: adds the filter, handlers and routes. */
  @Override
  public void onInitialize(JavalinState state) {
    Options options = pluginConfig;
    UUID clusterId = authority.clusterId();
    RouteTable routes =
        new RouteTable(
            options.mountTokenApi
                ? ServerRoutes.tokenApi(new TokenRoutes(authority, Optional.empty()), false)
                : List.of());
    HttpMetrics metrics = new HttpMetrics(options.registry, "embedded", routes);
    FailureThrottle throttle = new FailureThrottle(options.authFailureLimit, Clock.systemUTC());
    metrics.watch(throttle, null, null);
    PipelineFilter pipeline =
        new PipelineFilter(
            authority,
            clusterId,
            false,
            Set.of(),
            routes,
            metrics,
            CorsPolicy.allowing(options.corsOrigins),
            ClientAddress.trusting(ClientAddress.DEFAULT_TRUSTED_PROXIES),
            // no failure audit in a host app: the throttle alone
            new AuthFailures(
                throttle, Optional.empty(), CredentialFingerprint.random(new SecureRandom())));
    Guard guard = new Guard(pipeline, List.copyOf(options.prefixes), options.mountTokenApi);
    HttpErrors errors = new HttpErrors(clusterId, "Not found");
    errors.addRefusalsTo(state.routes);
    state.routes.before(guard::handle);
    state.routes.beforeMatched(guard::requireRolePermissions);
    if (options.mountTokenApi) {
      errors.addDomainErrorsTo(state.routes);
      routes.addTo(state.routes);
    }
  }

  /** Decides per request which part of the pipeline applies. */
  private record Guard(PipelineFilter pipeline, List<String> prefixes, boolean tokenApi) {

    void handle(Context ctx) {
      String path = ctx.path();
      pipeline.attachClientAddress(ctx);
      if (tokenApi && PipelineFilter.isTokenApi(path)) {
        pipeline.handle(ctx);
      } else if (ctx.method() != HandlerType.OPTIONS && isProtected(path)) {
        pipeline.authorize(ctx, null);
      }
    }

    /** A matched route of the app with {@link #requires} roles: each permission must be held. */
    void requireRolePermissions(Context ctx) {
      if (ctx.method() == HandlerType.OPTIONS) {
        return;
      }
      for (RouteRole role : ctx.routeRoles()) {
        if (role instanceof RequiredPermission required) {
          pipeline.authorize(ctx, required.permission());
        }
      }
    }

    private boolean isProtected(String path) {
      if (prefixes.isEmpty()) {
        return true;
      }
      String canonical = PipelineFilter.canonicalPath(path);
      for (String prefix : prefixes) {
        if (canonical.equals(prefix)
            || canonical.startsWith(prefix.endsWith("/") ? prefix : prefix + "/")) {
          return true;
        }
      }
      return false;
    }
  }
}
