package io.tollgate.http;

import static io.tollgate.http.GoldenWire.assertJson;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.http.Harness.Reply;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SPEC section 8's "who may" table over HTTP: {@code _admin} everything; a named admin token
 * everything but the operator token; a resource token only what its permissions grant, never a
 * token-management endpoint (403); and 401 stays for missing, unknown and inactive tokens.
 */
class WhoMayTest {
  static final String FORBIDDEN = OperatorTokenRulesTest.FORBIDDEN;
  static final String UNAUTHENTICATED = "{\"error\": \"the request was not authenticated\"}";
  static final String TOKEN = "/api/v3/configure/token";
  static final String RESOURCE = "/api/v3/enterprise/configure/token";

  private Harness h;
  private String admin;
  private String named;

  @BeforeEach
  void start() {
    h = Harness.start();
    admin = h.createOperator();
    named =
        h.post(TOKEN + "/named_admin", "{\"token_name\":\"ci\"}", Harness.bearerJson(admin))
            .field("token");
  }

  @AfterEach
  void stop() {
    h.close();
  }

  private String resourceToken(String name, String permissionsJson) {
    Reply reply =
        h.post(
            RESOURCE,
            "{\"token_name\":\"" + name + "\",\"permissions\":" + permissionsJson + "}",
            Harness.bearerJson(admin));
    assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    return reply.field("token");
  }

  /** Every token-management request, each as method, path and body. */
  private static List<String[]> managementRequests() {
    String named = "{\"token_name\":\"x\"}";
    String resource =
        "{\"token_name\":\"y\",\"permissions\":[{\"resource_type\":\"db\","
            + "\"resource_names\":[\"a\"],\"actions\":[\"read\"]}]}";
    return List.of(
        new String[] {"GET", TOKEN, null},
        new String[] {"POST", TOKEN + "/named_admin", named},
        new String[] {"POST", RESOURCE, resource},
        new String[] {"DELETE", TOKEN + "?token_name=ci", null},
        new String[] {"PATCH", TOKEN + "?token_name=ci", "{\"status\":\"inactive\"}"},
        new String[] {"POST", TOKEN + "/admin/regenerate", null},
        new String[] {"POST", TOKEN + "/admin/recovery_code", null},
        new String[] {
          "GET", "/api/v3/query_sql?db=_internal&q=SELECT%20*%20FROM%20system.tokens", null
        });
  }

  @Test
  void resourceToken_isRefusedEveryTokenManagementEndpoint_with403_andChangesNothing() {
    String reader =
        resourceToken(
            "reader",
            "[{\"resource_type\":\"db\",\"resource_names\":[\"*\"],\"actions\":[\"*\"]},"
                + "{\"resource_type\":\"system\",\"resource_names\":[\"*\"],\"actions\":[\"read\"]}]");
    String before = h.get(TOKEN, Harness.bearer(admin)).body();

    for (String[] request : managementRequests()) {
      Reply reply = h.send(request[0], request[1], request[2], Harness.bearerJson(reader));
      assertJson(reply, 403, FORBIDDEN);
    }

    assertThat(h.get(TOKEN, Harness.bearer(admin)).body()).isEqualTo(before);
  }

  @Test
  void resourceToken_opensExactlyTheSystemEndpointsItsPermissionsName() {
    String pinger =
        resourceToken(
            "pinger",
            "[{\"resource_type\":\"system\",\"resource_names\":[\"ping\"],\"actions\":[\"read\"]}]");
    String health =
        resourceToken(
            "health",
            "[{\"resource_type\":\"system\",\"resource_identifier\":[\"health\",\"metrics\"],"
                + "\"actions\":[\"read\"]}]");

    assertThat(h.get("/ping", Harness.bearer(pinger)).status()).isEqualTo(200);
    assertJson(h.get("/health", Harness.bearer(pinger)), 403, FORBIDDEN);
    assertJson(h.get("/api/v1/health", Harness.bearer(pinger)), 403, FORBIDDEN);
    assertJson(h.get("/metrics", Harness.bearer(pinger)), 403, FORBIDDEN);

    assertThat(h.get("/health", Harness.bearer(health)).status()).isEqualTo(200);
    assertThat(h.get("/api/v1/health", Harness.bearer(health)).status()).isEqualTo(200);
    assertThat(h.get("/metrics", Harness.bearer(health)).status()).isEqualTo(200);
    assertJson(h.get("/ping", Harness.bearer(health)), 403, FORBIDDEN);
  }

  @Test
  void resourceToken_onAnUnknownPath_gets404_andNoTokenStill401() {
    String pinger =
        resourceToken(
            "pinger",
            "[{\"resource_type\":\"system\",\"resource_names\":[\"ping\"],\"actions\":[\"read\"]}]");

    assertThat(h.get("/no/such/path", Harness.bearer(pinger)).status()).isEqualTo(404);
    assertJson(h.get("/no/such/path"), 401, UNAUTHENTICATED);
  }

  @Test
  void adminAndNamedAdmin_mayDoEverythingButNamedAdminsOnTheOperatorToken() {
    for (String token : List.of(admin, named)) {
      assertThat(h.get("/ping", Harness.bearer(token)).status()).isEqualTo(200);
      assertThat(h.get("/health", Harness.bearer(token)).status()).isEqualTo(200);
      assertThat(h.get("/metrics", Harness.bearer(token)).status()).isEqualTo(200);
      assertThat(h.get(TOKEN, Harness.bearer(token)).status()).isEqualTo(200);
    }
    Reply byNamed =
        h.post(
            RESOURCE,
            "{\"token_name\":\"made-by-ci\",\"permissions\":[{\"resource_type\":\"db\","
                + "\"resource_names\":[\"a\"],\"actions\":[\"write\"]}]}",
            Harness.bearerJson(named));
    assertThat(byNamed.status()).isEqualTo(201);
    assertJson(h.post(TOKEN + "/admin/regenerate", null, Harness.bearer(named)), 403, FORBIDDEN);
  }

  @Test
  void resourceToken_isListedWithItsPermissions_andCanBeDescribedDeactivatedAndDeleted() {
    String pinger =
        resourceToken(
            "pinger",
            "[{\"resource_type\":\"system\",\"resource_names\":[\"ping\"],\"actions\":[\"read\"]},"
                + "{\"resource_type\":\"db\",\"resource_names\":[\"a\",\"b\"],"
                + "\"actions\":[\"read\",\"write\"]}]");
    assertThat(h.get(TOKEN, Harness.bearer(admin)).body())
        .contains("\"name\":\"pinger\"")
        .contains("system:ping:read")
        .contains("db:a,b:read,write");

    Reply deactivated =
        h.send(
            "PATCH",
            TOKEN + "?token_name=pinger",
            "{\"status\":\"inactive\",\"description\":\"dashboards\"}",
            Harness.bearerJson(admin));
    assertThat(deactivated.status()).isEqualTo(200);
    assertThat(deactivated.body()).contains("dashboards");
    assertJson(h.get("/ping", Harness.bearer(pinger)), 401, UNAUTHENTICATED);

    h.send(
        "PATCH",
        TOKEN + "?token_name=pinger",
        "{\"status\":\"active\"}",
        Harness.bearerJson(admin));
    assertThat(h.get("/ping", Harness.bearer(pinger)).status()).isEqualTo(200);

    assertThat(h.delete(TOKEN + "?token_name=pinger", Harness.bearer(admin)).status())
        .isEqualTo(200);
    assertJson(h.get("/ping", Harness.bearer(pinger)), 401, UNAUTHENTICATED);
  }

  @Test
  void createResourceToken_answersTheTokenObject_andATakenNameIs409() {
    Reply reply =
        h.post(
            RESOURCE,
            "{\"token_name\":\"dash\",\"expiry_secs\":3600,\"permissions\":"
                + "[{\"resource_type\":\"db\",\"resource_names\":[\"a\"],\"actions\":[\"read\"]}]}",
            Harness.bearerJson(admin));

    assertThat(reply.status()).isEqualTo(201);
    assertThat(reply.body())
        .startsWith("{\"id\":2,\"name\":\"dash\",\"token\":\"apiv3_")
        .contains("\"hash\":\"", "\"created_at\":\"", "\"expiry\":\"");
    Reply again =
        h.post(
            RESOURCE,
            "{\"token_name\":\"dash\",\"permissions\":"
                + "[{\"resource_type\":\"db\",\"resource_names\":[\"a\"],\"actions\":[\"read\"]}]}",
            Harness.bearerJson(admin));
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.body()).isEqualTo("token name already exists, dash");
  }

  @Test
  void withDisableAuthzPing_pingNeedsNoToken_butOtherSystemEndpointsStillDo() {
    h.close();
    h = Harness.start(b -> b.disabledAuthz(java.util.Set.of(HttpServerConfig.AuthzExemption.PING)));
    admin = h.createOperator();

    assertThat(h.get("/ping").status()).isEqualTo(200);
    assertJson(h.get("/health"), 401, UNAUTHENTICATED);
  }
}
