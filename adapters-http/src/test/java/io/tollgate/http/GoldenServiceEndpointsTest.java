package io.tollgate.http;

import static io.tollgate.http.GoldenWire.S1;
import static io.tollgate.http.GoldenWire.T0;
import static io.tollgate.http.GoldenWire.UNAUTHENTICATED;
import static io.tollgate.http.GoldenWire.assertJson;
import static io.tollgate.http.GoldenWire.assertPlain;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.http.Harness.Reply;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * Golden tests of SPEC section 3, the other endpoints and the limits: query_sql, health, ping,
 * metrics, body size, store failure. Secrets come from {@link FixedSecrets}, time from a clock
 * standing at 2025-04-18T14:02:45.331Z.
 */
class GoldenServiceEndpointsTest {
  @AutoClose final Harness h = GoldenWire.startHarness();

  // --- other endpoints ---

  @Test
  void querySql_systemTokens_inEveryFormat() {
    h.createOperator();
    String q = "/api/v3/query_sql?db=_internal&q=SELECT%20*%20FROM%20system.tokens";
    String row =
        "{\"token_id\":0,\"name\":\"_admin\",\"hash\":\"13dcea61a\",\"created_at\":\""
            + T0
            + "\",\"permissions\":\"*:*:*\",\"status\":\"active\"}";
    assertJson(h.get(q, Harness.bearer(S1)), 200, "[" + row + "]");
    assertJson(h.get(q + "&format=json", Harness.bearer(S1)), 200, "[" + row + "]");
    Reply jsonl = h.get(q + "&format=jsonl", Harness.bearer(S1));
    assertThat(jsonl.body()).isEqualTo(row + "\n");
    assertThat(jsonl.header("content-type")).isEqualTo("application/jsonl");
    Reply csv = h.get(q + "&format=csv", Harness.bearer(S1));
    assertThat(csv.body())
        .isEqualTo(
            "token_id,name,hash,created_at,description,created_by_token_id,updated_at,"
                + "updated_by_token_id,expiry,permissions,status\n"
                + "0,_admin,13dcea61a,"
                + T0
                + ",,,,,,*:*:*,active\n");
    assertThat(csv.header("content-type")).startsWith("text/csv");
    Reply pretty = h.get(q + "&format=pretty", Harness.bearer(S1));
    String border =
        "+----------+--------+-----------+--------------------------+-------------+"
            + "---------------------+------------+---------------------+--------+-------------+"
            + "--------+\n";
    assertThat(pretty.body())
        .isEqualTo(
            border
                + "| token_id | name   | hash      | created_at               | description |"
                + " created_by_token_id | updated_at | updated_by_token_id | expiry | permissions |"
                + " status |\n"
                + border
                + "| 0        | _admin | 13dcea61a | 2025-04-18T14:02:45.331Z |             |"
                + "                     |            |                     |        | *:*:*       |"
                + " active |\n"
                + border);
  }

  @Test
  void querySql_isCaseAndSpacingFree_andAcceptsPost() {
    h.createOperator();
    assertThat(
            h.get(
                    "/api/v3/query_sql?db=_internal&q=select%20%20*from%0Asystem.TOKENS%20;",
                    Harness.bearer(S1))
                .status())
        .isEqualTo(200);
    Reply post =
        h.post(
            "/api/v3/query_sql",
            "{\"db\":\"_internal\",\"q\":\"SELECT * FROM system.tokens;\",\"format\":\"jsonl\"}",
            Harness.bearerJson(S1));
    assertThat(post.status()).isEqualTo(200);
    assertThat(post.body()).startsWith("{\"token_id\":0,").endsWith("}\n");
  }

  @Test
  void querySql_otherQueryOrDatabase_is400() {
    h.createOperator();
    assertPlain(
        h.get("/api/v3/query_sql?db=mydb&q=SELECT%20*%20FROM%20system.tokens", Harness.bearer(S1)),
        400,
        "database not found: only the _internal database is served by Tollgate");
    assertPlain(
        h.get("/api/v3/query_sql?db=_internal&q=SELECT%201", Harness.bearer(S1)),
        400,
        "unsupported query: FROM system.tokens is required. " + TokensQuery.ONLY);
  }

  @Test
  void health_isOk_and401WithoutToken() {
    String admin = h.createOperator();
    assertPlain(h.get("/health", Harness.bearer(admin)), 200, "OK");
    assertPlain(h.get("/api/v1/health", Harness.bearer(admin)), 200, "OK");
    assertJson(h.get("/health"), 401, UNAUTHENTICATED);
  }

  @Test
  void ping_isVersionAndRevision() {
    String admin = h.createOperator();
    assertJson(
        h.get("/ping", Harness.bearer(admin)),
        200,
        "{\"version\":\"3.0.0-test\",\"revision\":\"abc123\"}");
    assertJson(h.get("/ping"), 401, UNAUTHENTICATED);
  }

  @Test
  void metrics_isPrometheusText() {
    String admin = h.createOperator();
    h.get("/api/v3/configure/token", Harness.bearer("apiv3_wrong"));
    Reply reply = h.get("/metrics", Harness.bearer(admin));
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.header("content-type")).startsWith("text/plain; version=0.0.4");
    assertThat(reply.body())
        .contains("tollgate_http_requests_seconds_bucket{")
        .contains(
            "tollgate_http_requests_seconds_count{listener=\"main\",method=\"POST\","
                + "route=\"/api/v3/configure/token/admin\",status=\"201\"} 1")
        .contains("tollgate_authentications_total{outcome=\"unknown\"} 1.0")
        .contains("tollgate_authentications_total{outcome=\"authenticated\"}");
    assertJson(h.get("/metrics"), 401, UNAUTHENTICATED);
  }

  // --- limits and failures ---

  @Test
  void bodyOver64KiB_is413() {
    String admin = h.createOperator();
    assertPlain(
        h.post(
            "/api/v3/configure/token/named_admin",
            "{\"token_name\":\"" + "x".repeat(70_000) + "\"}",
            Harness.bearerJson(admin)),
        413,
        "max request size (65536 bytes) exceeded");
  }

  @Test
  void storeFailure_is503WithTheCondition_butNotTheDatabasesPath() {
    h.authority.breakStore();
    assertPlain(
        h.post("/api/v3/configure/token/admin", null),
        503,
        "token store unavailable: the token store's database cannot be written");
  }
}
