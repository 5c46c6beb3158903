package io.tollgate.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.javalin.http.HandlerType;
import io.javalin.router.ParsedEndpoint;
import io.tollgate.core.domain.Permission;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The route-table rule: every handler the server registers comes from a row of its {@link
 * RouteTable}, and every row says what it needs. A handler added beside the table fails here.
 */
class RouteTableTest {

  @Test
  void everyRegisteredHandler_hasARowThatSaysWhatItNeeds() {
    try (Harness h = Harness.start()) {
      RouteTable table = h.server.routeTable();
      List<ParsedEndpoint> endpoints =
          h.server.javalinForTests().unsafe.internalRouter.allHttpHandlers();
      List<ParsedEndpoint> handlers =
          endpoints.stream().filter(e -> e.endpoint.method.isHttpMethod()).toList();

      assertThat(handlers).isNotEmpty();
      for (ParsedEndpoint handler : handlers) {
        Route row = table.find(handler.endpoint.method, handler.endpoint.path);
        assertThat(row)
            .as(
                "%s %s has no row in the route table",
                handler.endpoint.method, handler.endpoint.path)
            .isNotNull();
        assertThat(row.access()).isNotNull();
      }
      assertThat(handlers).hasSameSizeAs(table.routedByJavalin());
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
