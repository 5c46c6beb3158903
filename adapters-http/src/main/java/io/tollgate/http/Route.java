package io.tollgate.http;

import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.util.Objects;

/**
 * One row of a {@link RouteTable}: a method and an exact path, what the request needs ({@link
 * Access}), the label its metrics carry, and the handler.
 */
record Route(HandlerType method, String path, Access access, String metricLabel, Handler handler) {

  Route {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(access, "access");
    Objects.requireNonNull(metricLabel, "metricLabel");
    Objects.requireNonNull(handler, "handler");
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException("a route's path starts with /: " + path);
    }
  }

  /** A row whose metric label is its path. */
  static Route of(HandlerType method, String path, Access access, Handler handler) {
    return new Route(method, path, access, path, handler);
  }
}
