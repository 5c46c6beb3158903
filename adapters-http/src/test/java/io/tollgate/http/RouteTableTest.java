package io.tollgate.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.javalin.http.HandlerType;
import io.javalin.router.ParsedEndpoint;
import io.tollgate.core.domain.Permission;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The route-table rule: every row says what it needs, and the server's Javalin has no handler but
 * the table's own router (one per method, for every path). A handler added beside the table fails
 * here.
 */
class RouteTableTest {

  @Test
  void javalinRoutesThroughTheTable_oneHandlerPerMethodForEveryPath_andNoOther() {
    try (Harness h = Harness.start()) {
      RouteTable table = h.server.routeTable();
      List<ParsedEndpoint> handlers =
          h.server.javalinForTests().unsafe.internalRouter.allHttpHandlers().stream()
              .filter(e -> e.endpoint.method.isHttpMethod())
              .toList();

      assertThat(handlers)
          .allSatisfy(handler -> assertThat(handler.endpoint.path).isEqualTo(RouteTable.ANY_PATH));
      Set<HandlerType> rowMethods = new HashSet<>();
      for (Route row : table.routedByJavalin()) {
        assertThat(row.access()).isNotNull();
        rowMethods.add(row.method());
      }
      rowMethods.add(HandlerType.HEAD);
      assertThat(handlers)
          .extracting(handler -> handler.endpoint.method)
          .containsExactlyInAnyOrderElementsOf(rowMethods);
      assertThat(table.routes())
          .filteredOn(Route::dispatchedByFilter)
          .allSatisfy(
              row -> assertThat(row.access().kind()).isEqualTo(Access.Kind.DECIDED_BY_HANDLER));
    }
  }

  @Test
  void aRowWithoutAccess_orAPermissionRouteWithoutPermission_cannotBeMade() {
    assertThatThrownBy(() -> Route.of(HandlerType.GET, "/x", null, ctx -> {}))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new Access(null, null, Access.Kind.PERMISSION))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> Access.secretIssuer().exemptibleAs(HttpServerConfig.AuthzExemption.PING))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void prefixAndAnyMethodRows_areFoundAfterTheExactRows_andOnlyForRoutesThatDecide() {
    Route exact = Route.of(HandlerType.GET, "/api/authz/ext-authz/x", Access.admin(), ctx -> {});
    Route prefix =
        Route.of(Route.ANY_METHOD, "/api/authz/ext-authz/*", Access.decidedByHandler(), ctx -> {});
    Route any = Route.of(Route.ANY_METHOD, "/fa", Access.decidedByHandler(), ctx -> {});
    RouteTable table = new RouteTable(List.of(exact, prefix, any));

    assertThat(table.find(HandlerType.GET, "/api/authz/ext-authz/x")).isSameAs(exact);
    assertThat(table.find(HandlerType.POST, "/api/authz/ext-authz/a/b")).isSameAs(prefix);
    assertThat(table.find(HandlerType.PUT, "/api/authz/ext-authz/")).isSameAs(prefix);
    assertThat(table.find(HandlerType.findOrCreate("FOO"), "/fa")).isSameAs(any);
    assertThat(table.find(HandlerType.GET, "/api/authz/ext-authzx")).isNull();
    assertThat(table.metricLabel(HandlerType.GET, "/api/authz/ext-authz/q"))
        .isEqualTo("/api/authz/ext-authz/*");
    assertThatThrownBy(() -> Route.of(Route.ANY_METHOD, "/y", Access.admin(), ctx -> {}))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Route.of(HandlerType.GET, "/y/*", Access.admin(), ctx -> {}))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theRowsThatTakeABody_areTheFourWhoseHandlersReadOne_andEachNeedsAPermission() {
    try (Harness h = Harness.start()) {
      assertThat(h.server.routeTable().routes())
          .filteredOn(Route::takesBody)
          .extracting(row -> row.method() + " " + row.path())
          .containsExactlyInAnyOrder(
              "POST " + TokenRoutes.NAMED_ADMIN,
              "POST " + TokenRoutes.RESOURCE_TOKEN,
              "PATCH " + TokenRoutes.TOKEN,
              "POST " + TokenRoutes.QUERY_SQL);
    }
    // a request thread waits for a body only after a token is checked against the row
    assertThatThrownBy(
            () -> Route.of(HandlerType.POST, "/x", Access.secretIssuer(), ctx -> {}).takingBody())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("request body");
    assertThatThrownBy(
            () ->
                Route.of(Route.ANY_METHOD, "/fa", Access.decidedByHandler(), ctx -> {})
                    .takingBody())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> Route.of(HandlerType.GET, "/c", Access.publicAsset(), ctx -> {}).takingBody())
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void twoRowsForOneMethodAndPath_areRefused() {
    Route row = Route.of(HandlerType.GET, "/x", Access.admin(), ctx -> {});
    assertThatThrownBy(() -> new RouteTable(List.of(row, row)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("GET /x");
  }

  @Test
  void metricLabels_comeFromTheRows_andUnknownPathsAreOther() {
    RouteTable table =
        new RouteTable(
            List.of(
                new Route(
                    HandlerType.GET,
                    "/ping",
                    Access.requires(Permission.required("system", "ping", "read")),
                    "ping",
                    ctx -> {})));

    assertThat(table.metricLabel(HandlerType.GET, "/ping")).isEqualTo("ping");
    assertThat(table.metricLabel(HandlerType.POST, "/ping")).isEqualTo("ping");
    assertThat(table.metricLabel(HandlerType.GET, "/scanner/" + "x".repeat(50))).isEqualTo("other");
  }
}
