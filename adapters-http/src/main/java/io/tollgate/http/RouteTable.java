package io.tollgate.http;

import io.javalin.http.HandlerType;
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
 * Javalin gets its handlers from here: a handler cannot be added without its row.
 */
final class RouteTable {
  private final List<Route> routes;
  private final Map<String, Map<HandlerType, Route>> byPath = new HashMap<>();
  private final Set<String> metricLabels = new LinkedHashSet<>();

  RouteTable(List<Route> routes) {
    this.routes = List.copyOf(routes);
    for (Route route : this.routes) {
      Route previous =
          byPath.computeIfAbsent(route.path(), p -> new HashMap<>()).put(route.method(), route);
      if (previous != null) {
        throw new IllegalArgumentException("two routes for " + route.method() + " " + route.path());
      }
      metricLabels.add(route.metricLabel());
    }
  }

  /** The row for this exact method and path, or null: the path is routed nowhere (404). */
  Route find(HandlerType method, String path) {
    Map<HandlerType, Route> methods = byPath.get(path);
    return methods == null ? null : methods.get(method);
  }

  /** The label for a request's metrics: its route's, or {@code other} for unknown paths. */
  String metricLabel(HandlerType method, String path) {
    Map<HandlerType, Route> methods = byPath.get(path);
    if (methods == null) {
      return "other";
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

  /** Registers every row's handler with Javalin. */
  void addTo(JavalinDefaultRoutingApi javalin) {
    for (Route route : routes) {
      javalin.addHttpHandler(route.method(), route.path(), route.handler());
    }
  }
}
