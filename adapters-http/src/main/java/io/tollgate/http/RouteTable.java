package io.tollgate.http;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.NotFoundResponse;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every route a listener serves, one {@link Route} per method and path: the only place that says
 * what a route needs. The request filter looks the request up here (before routing, so that an
 * unknown path still needs a token and then gets 404), the metrics take their labels from here, and
 * Javalin gets its handlers from here: a handler cannot be added without its row. On Tollgate's own
 * listeners the table is the router too ({@link #addRouterTo}).
 */
final class RouteTable {
  /** Javalin's path for every path, which it matches without a pattern. */
  static final String ANY_PATH = "*";

  private final List<Route> routes;
  private final Map<String, Map<HandlerType, Route>> byPath = new HashMap<>();
  private final List<Route> prefixRows = new ArrayList<>();
  private final Set<String> metricLabels = new LinkedHashSet<>();

  RouteTable(List<Route> routes) {
    this.routes = List.copyOf(routes);
    for (Route route : this.routes) {
      Route previous =
          byPath.computeIfAbsent(route.path(), p -> new HashMap<>()).put(route.method(), route);
      if (route.isPrefix()) {
        prefixRows.add(route);
      }
      if (previous != null) {
        throw new IllegalArgumentException("two routes for " + route.method() + " " + route.path());
      }
      metricLabels.add(route.metricLabel());
    }
  }

  /**
   * The row for this method and path, or null: the path is routed nowhere (404). Exact rows first
   * (one hash lookup), then an any-method row of the path, then the prefix rows (only for paths
   * without an exact row).
   */
  Route find(HandlerType method, String path) {
    Map<HandlerType, Route> methods = byPath.get(path);
    if (methods != null) {
      Route route = methods.get(method);
      return route != null ? route : methods.get(Route.ANY_METHOD);
    }
    return prefixRow(method, path);
  }

  private Route prefixRow(HandlerType method, String path) {
    for (int i = 0; i < prefixRows.size(); i++) {
      Route route = prefixRows.get(i);
      if (path.startsWith(route.prefix())
          && (route.method() == Route.ANY_METHOD || route.method().equals(method))) {
        return route;
      }
    }
    return null;
  }

  /** The label for a request's metrics: its route's, or {@code other} for unknown paths. */
  String metricLabel(HandlerType method, String path) {
    Map<HandlerType, Route> methods = byPath.get(path);
    if (methods == null) {
      Route prefixed = prefixRow(method, path);
      return prefixed == null ? "other" : prefixed.metricLabel();
    }
    Route route = methods.get(method);
    return route != null ? route.metricLabel() : methods.values().iterator().next().metricLabel();
  }

  Set<String> metricLabels() {
    return Set.copyOf(metricLabels);
  }

  List<Route> routes() {
    return routes;
  }

  /** This table and {@code more}'s rows. */
  RouteTable with(List<Route> more) {
    List<Route> all = new ArrayList<>(routes);
    all.addAll(more);
    return new RouteTable(all);
  }

  /**
   * Registers every row's handler with Javalin, but for the rows the pipeline filter runs itself
   * ({@link Route#dispatchedByFilter()}): Javalin's routing (404, 405) never touches those.
   */
  void addTo(JavalinDefaultRoutingApi javalin) {
    for (Route route : routes) {
      if (!route.dispatchedByFilter()) {
        javalin.addHttpHandler(route.method(), route.path(), route.handler());
      }
    }
  }

  /**
   * Makes this table the router of a listener of Tollgate's own: Javalin gets one handler per
   * method the rows use, for every path, which looks the request's row up here (one hash lookup)
   * and runs its handler; a path without a row gets 404, but a GET row's path asked with HEAD gets
   * 200 without a body, as Javalin answers it. Javalin's own router would try each row's path
   * pattern in turn on every request, before any handler runs, and forward authentication, which
   * the filter dispatches, would miss them all. Not for a host's application ({@link #addTo}):
   * these handlers would take every path from its own routes.
   */
  void addRouterTo(JavalinDefaultRoutingApi javalin) {
    Set<HandlerType> methods = new LinkedHashSet<>();
    for (Route route : routes) {
      if (!route.dispatchedByFilter()) {
        methods.add(route.method());
      }
    }
    if (methods.contains(HandlerType.GET)) {
      methods.add(HandlerType.HEAD);
    }
    for (HandlerType method : methods) {
      javalin.addHttpHandler(method, ANY_PATH, this::serve);
    }
  }

  private void serve(Context ctx) throws Exception {
    Route route = find(ctx.method(), ctx.path());
    if (route != null && !route.dispatchedByFilter()) {
      route.handler().handle(ctx);
    } else if (ctx.method() != HandlerType.HEAD || find(HandlerType.GET, ctx.path()) == null) {
      throw new NotFoundResponse();
    }
  }

  /** The rows Javalin routes (see {@link #addTo}). */
  List<Route> routedByJavalin() {
    return routes.stream().filter(route -> !route.dispatchedByFilter()).toList();
  }
}
