package io.tollgate.http;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The web console's static files (SPEC section 12): a fixed list read once from the classpath, each
 * served at exactly one path under {@code /console/}. Nothing is looked up by a name taken from the
 * request, so there is no directory listing and no path to traverse: any other path has no row and
 * is refused like every unknown path. Every answer carries the console's security headers.
 */
final class ConsoleAssets {
  static final String BARE_PATH = "/console";
  static final String PREFIX = "/console/";
  static final String METRIC_LABEL = PREFIX;
  static final String CONTENT_SECURITY_POLICY = "default-src 'self'";

  private static final String RESOURCE_DIR = "/io/tollgate/http/console/";
  private static final String HTML = "text/html; charset=utf-8";
  private static final String CSS = "text/css; charset=utf-8";
  private static final String JAVASCRIPT = "text/javascript; charset=utf-8";
  private static final String SVG = "image/svg+xml";

  /** File name → content type: the only files the console serves. */
  private static final Map<String, String> FILES =
      orderedMap(
          "index.html", HTML,
          "console.css", CSS,
          "console.js", JAVASCRIPT,
          "page.js", JAVASCRIPT,
          "dialogs.js", JAVASCRIPT,
          "tokens.js", JAVASCRIPT,
          "create.js", JAVASCRIPT,
          "actions.js", JAVASCRIPT,
          "audit.js", JAVASCRIPT,
          "api.js", JAVASCRIPT,
          "validate.js", JAVASCRIPT,
          "format.js", JAVASCRIPT,
          "favicon.svg", SVG);

  private record Asset(String contentType, byte[] body, String cacheControl) {}

  private final Map<String, Asset> byPath = new LinkedHashMap<>();

  private ConsoleAssets(Map<String, byte[]> bodies) {
    for (Map.Entry<String, String> file : FILES.entrySet()) {
      String name = file.getKey();
      boolean page = name.equals("index.html");
      Asset asset = new Asset(file.getValue(), bodies.get(name), page ? "no-store" : "no-cache");
      byPath.put(PREFIX + name, asset);
      if (page) {
        byPath.put(PREFIX, asset);
      }
    }
  }

  /**
   * The files shipped in the jar.
   *
   * @throws IllegalStateException if one is missing (a broken build)
   */
  static ConsoleAssets fromClasspath() {
    Map<String, byte[]> bodies = new LinkedHashMap<>();
    for (String name : FILES.keySet()) {
      try (InputStream in = ConsoleAssets.class.getResourceAsStream(RESOURCE_DIR + name)) {
        if (in == null) {
          throw new IllegalStateException("the console file " + name + " is missing from the jar");
        }
        bodies.put(name, in.readAllBytes());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the console file " + name, e);
      }
    }
    return new ConsoleAssets(bodies);
  }

  /** The exact paths served, {@code /console/} included. */
  Set<String> paths() {
    return byPath.keySet();
  }

  /** Answers a row's path with its file. */
  void serve(Context ctx) {
    Asset asset = byPath.get(ctx.path());
    securityHeaders(ctx);
    ctx.header("Cache-Control", asset.cacheControl());
    Responses.bytes(ctx, 200, asset.contentType(), asset.body());
  }

  /** {@code /console} → {@code /console/}, so that the page's relative links resolve. */
  void redirect(Context ctx) {
    securityHeaders(ctx);
    ctx.header("Location", PREFIX);
    Responses.empty(ctx, 308);
  }

  private static void securityHeaders(Context ctx) {
    ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    ctx.header("X-Frame-Options", "DENY");
    ctx.header("Referrer-Policy", "no-referrer");
    ctx.header("X-Content-Type-Options", "nosniff");
  }

  private static Map<String, String> orderedMap(String... pairs) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put(pairs[i], pairs[i + 1]);
    }
    return map;
  }
}
