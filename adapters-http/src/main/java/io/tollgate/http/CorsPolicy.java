package io.tollgate.http;

import io.javalin.http.Context;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * SPEC section 3 step 1: cross-origin access is off unless {@code --cors-allow-origin} names the
 * caller's origin ({@code *} names every origin, but only when given explicitly). For an allowed
 * origin, {@code OPTIONS} is a 204 preflight and every response carries {@code
 * Access-Control-Allow-Origin} for it. The endpoints that hand out a secret without authentication
 * refuse a request whose {@code Origin} is not allowed or whose {@code Sec-Fetch-Site} is {@code
 * cross-site} (a web page must never read a secret).
 */
final class CorsPolicy {
  static final String ANY_ORIGIN = "*";
  static final String ALLOWED_METHODS = "GET, POST, PATCH, DELETE";
  static final String ALLOWED_HEADERS = "Authorization, Content-Type, Accept";
  static final String MAX_AGE_SECONDS = "86400";
  static final String CROSS_SITE_REFUSED =
      "{\"error\": \"request refused: this endpoint hands out a secret without authentication, so"
          + " it does not answer cross-site requests or origins not allowed by"
          + " --cors-allow-origin\"}";

  /** {@code scheme://host[:port]}, as browsers serialise an origin: no path, query or user. */
  private static final Pattern ORIGIN =
      Pattern.compile("[a-z][a-z0-9+.-]*://(\\[[0-9a-f:.]+\\]|[a-z0-9._~-]+)(:[0-9]{1,5})?");

  private final Set<String> origins;
  private final boolean anyOrigin;

  private CorsPolicy(Set<String> origins) {
    this.origins = origins;
    this.anyOrigin = origins.contains(ANY_ORIGIN);
  }

  /** No origin is allowed: no CORS headers, ever. */
  static CorsPolicy none() {
    return new CorsPolicy(Set.of());
  }

  /**
   * The origins {@code --cors-allow-origin} names, each {@code scheme://host[:port]} or {@code *}.
   *
   * @throws IllegalArgumentException for anything else, naming it
   */
  static CorsPolicy allowing(Collection<String> allowedOrigins) {
    Set<String> normalised = new TreeSet<>();
    for (String origin : allowedOrigins) {
      normalised.add(parseOrigin(origin));
    }
    return new CorsPolicy(Collections.unmodifiableSet(normalised));
  }

  /**
   * One {@code --cors-allow-origin} value, normalised to lower case.
   *
   * @throws IllegalArgumentException naming the value and the expected form
   */
  static String parseOrigin(String origin) {
    String text = origin == null ? "" : origin.trim();
    if (text.equals(ANY_ORIGIN)) {
      return ANY_ORIGIN;
    }
    String lower = text.toLowerCase(Locale.ROOT);
    if (!ORIGIN.matcher(lower).matches()) {
      throw new IllegalArgumentException(
          "invalid value '"
              + text
              + "' for --cors-allow-origin: expected an origin such as https://console.example.com"
              + " or http://localhost:3000 (scheme, host and optional port; no path), or *");
    }
    return lower;
  }

  /** The allowed origins as configured (normalised), for {@link HttpServerConfig}. */
  List<String> origins() {
    return List.copyOf(origins);
  }

  boolean isEnabled() {
    return !origins.isEmpty();
  }

  /** True if {@code origin} (an {@code Origin} header's value) is allowed. */
  boolean allows(String origin) {
    if (origin == null || origins.isEmpty()) {
      return false;
    }
    String lower = origin.trim().toLowerCase(Locale.ROOT);
    if (!ORIGIN.matcher(lower).matches()) {
      return false; // "null" (sandboxed frames, file:) and garbage are never allowed
    }
    return anyOrigin || origins.contains(lower);
  }

  /**
   * Adds {@code Access-Control-Allow-Origin} for an allowed caller (and {@code Vary: Origin}
   * whenever CORS is configured); answers an allowed preflight with 204.
   *
   * @return true if the request was a preflight and has been answered
   */
  boolean apply(Context ctx) {
    if (!isEnabled()) {
      return false;
    }
    ctx.header("Vary", "Origin");
    String origin = singleOrigin(ctx);
    if (!allows(origin)) {
      return false;
    }
    ctx.header("Access-Control-Allow-Origin", origin.trim());
    if (!"OPTIONS".equals(ctx.method().name())) {
      return false;
    }
    ctx.header("Access-Control-Allow-Methods", ALLOWED_METHODS);
    ctx.header("Access-Control-Allow-Headers", ALLOWED_HEADERS);
    ctx.header("Access-Control-Max-Age", MAX_AGE_SECONDS);
    ctx.status(204);
    ctx.removeHeader("Content-Type");
    return true;
  }

  /**
   * For the endpoints that answer with a secret without authentication: a 403 for a request from a
   * web page that may not read it (an {@code Origin} not allowed, or {@code Sec-Fetch-Site:
   * cross-site} whatever the origin).
   *
   * @throws HttpFailure 403 with a JSON error body
   */
  void refuseCrossSiteSecretRequest(Context ctx) {
    List<String> originHeaders = Collections.list(ctx.req().getHeaders("Origin"));
    boolean originRefused =
        originHeaders.size() > 1 || originHeaders.size() == 1 && !allows(originHeaders.get(0));
    boolean crossSite =
        Collections.list(ctx.req().getHeaders("Sec-Fetch-Site")).stream()
            .anyMatch(value -> value.trim().equalsIgnoreCase("cross-site"));
    if (originRefused || crossSite) {
      throw HttpFailure.json(403, CROSS_SITE_REFUSED);
    }
  }

  /** The request's one {@code Origin}; null if absent or repeated. */
  private static String singleOrigin(Context ctx) {
    List<String> values = Collections.list(ctx.req().getHeaders("Origin"));
    return values.size() == 1 ? values.get(0) : null;
  }
}
