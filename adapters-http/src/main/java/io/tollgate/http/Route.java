package io.tollgate.http;

import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.util.Objects;

/**
 * One row of a {@link RouteTable}: a method (or {@link #ANY_METHOD}) and an exact path (or a
 * prefix: a path ending in {@code /*}), what the request needs ({@link Access}), the label its
 * metrics carry, the handler, and whether the handler reads a request body ({@link #takesBody}):
 * only then does a request thread wait for one, and only once the caller's token holds the row's
 * permission, so only a row with a permission may take one.
 */
record Route(
    HandlerType method,
    String path,
    Access access,
    String metricLabel,
    Handler handler,
    boolean takesBody) {

  /** The method of a row that serves every method. */
  static final HandlerType ANY_METHOD = new HandlerType("*", false);

  static final String PREFIX_MARK = "/*";

  Route {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(access, "access");
    Objects.requireNonNull(metricLabel, "metricLabel");
    Objects.requireNonNull(handler, "handler");
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException("a route's path starts with /: " + path);
    }
    if ((method == ANY_METHOD || path.endsWith(PREFIX_MARK))
        && access.kind() != Access.Kind.DECIDED_BY_HANDLER) {
      throw new IllegalArgumentException(
          "only a route whose handler decides may serve any method or a path prefix: " + path);
    }
    if (takesBody && access.kind() != Access.Kind.PERMISSION) {
      throw new IllegalArgumentException(
          "only a route that needs a permission may take a request body: " + path);
    }
  }

  /** A row whose handler reads no request body. */
  Route(HandlerType method, String path, Access access, String metricLabel, Handler handler) {
    this(method, path, access, metricLabel, handler, false);
  }

  /** This row, its handler reading a request body. */
  Route takingBody() {
    return new Route(method, path, access, metricLabel, handler, true);
  }

  /** True for a row serving every path that starts with {@link #prefix()}. */
  boolean isPrefix() {
    return path.endsWith(PREFIX_MARK);
  }

  /** A prefix row's prefix: its path without the {@code *}. */
  String prefix() {
    return path.substring(0, path.length() - 1);
  }

  /** True when the pipeline filter runs the handler itself, outside Javalin's routing. */
  boolean dispatchedByFilter() {
    return access.kind() == Access.Kind.DECIDED_BY_HANDLER;
  }

  /** A row whose metric label is its path. */
  static Route of(HandlerType method, String path, Access access, Handler handler) {
    return new Route(method, path, access, path, handler);
  }
}
