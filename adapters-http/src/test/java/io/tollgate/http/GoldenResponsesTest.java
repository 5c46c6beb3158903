package io.tollgate.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.http.Harness.Reply;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One golden test per row of SPEC section 3: status, the headers that matter and the exact body
 * bytes. Secrets come from {@link FixedSecrets}, time from a clock standing at
 * 2025-04-18T14:02:45.331Z.
 */
class GoldenResponsesTest {
  static final String CLUSTER = "5f0c3d2e-7a1b-4c8d-9e6f-0123456789ab";
  static final String S1 = "apiv3_test-secret-0001";
  static final String S2 = "apiv3_test-secret-0002";
  static final String H1 =
      "13dcea61a1da8fd2ec23e0ede884b60917f31c73fbbee6d7499da98c36eda75fc7facda9acad9e46d2ef4ab76b7b70290988b967103d0fa22f3f7d8a7c8837ef";
  static final String H2 =
      "4e7c5874f90e4393ba903c670e33eadfde28b7ff51f4af518c05ca69d65259a44b93c7a80e6e8117a7e7affa0733157ae5e0e8b75be3abbc4a797e0f73f2d3d0";
  static final String T0 = "2025-04-18T14:02:45.331Z";
  static final String MALFORMED =
      "{\"error\": \"Authorization header was malformed, the request was not in the form of"
          + " 'Authorization: <auth-scheme> <token>', supported auth-schemes are Bearer, Token and"
          + " Basic\"}";
  static final String UNAUTHENTICATED = "{\"error\": \"the request was not authenticated\"}";

  Harness h;

  @BeforeEach
  void start() {
    h = Harness.start(b -> b.version("3.0.0-test", "abc123"));
  }

  @AfterEach
  void stop() {
    h.close();
  }

  static void assertPlain(Reply reply, int status, String body) {
    assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
    assertThat(reply.body()).isEqualTo(body);
    assertThat(reply.header("content-type")).startsWith("text/plain");
    assertThat(reply.header("cluster-uuid")).isEqualTo(CLUSTER);
  }

  static void assertJson(Reply reply, int status, String body) {
    assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
    assertThat(reply.body()).isEqualTo(body);
    assertThat(reply.header("content-type")).isEqualTo("application/json");
    assertThat(reply.header("cluster-uuid")).isEqualTo(CLUSTER);
  }

  // --- pipeline ---

  @Test
  void options_withoutCorsConfigured_isNoPreflight_andCarriesNoCorsHeader() {
    Reply reply = h.send("OPTIONS", "/anything/at/all", null, "Origin", "https://a.example");
    assertJson(reply, 401, UNAUTHENTICATED);
    assertThat(reply.headers().keySet()).noneMatch(name -> name.startsWith("access-control-"));
  }

  @Test
  void authorization_missing_is401Json_withABearerChallenge() {
    Reply reply = h.get("/api/v3/configure/token");
    assertJson(reply, 401, UNAUTHENTICATED);
    assertThat(reply.header("www-authenticate")).isEqualTo("Bearer realm=\"tollgate\"");
    assertThat(reply.header("access-control-allow-origin")).isNull();
  }

  @Test
  void authorization_unknownToken_is401Json() {
    h.createOperator();
    Reply reply = h.get("/api/v3/configure/token", Harness.bearer("apiv3_nope"));
    assertJson(reply, 401, UNAUTHENTICATED);
    assertThat(reply.header("www-authenticate")).isEqualTo("Bearer realm=\"tollgate\"");
  }

  @Test
  void authorization_expiredToken_is401Json() {
    String admin = h.createOperator();
    String named =
        h.post(
                "/api/v3/configure/token/named_admin",
                "{\"token_name\":\"short\",\"expiry_secs\":2}",
                Harness.bearerJson(admin))
            .field("token");
    h.clock.advance(Duration.ofSeconds(2));
    assertJson(h.get("/api/v3/configure/token", Harness.bearer(named)), 401, UNAUTHENTICATED);
  }

  @Test
  void authorization_malformedForms_are400WithTheExactJson() {
    h.createOperator();
    for (String value :
        new String[] {
          "Bearer",
          "Bearer  " + S1,
          "Bearer " + S1 + " extra",
          "Digest " + S1,
          S1,
          "Basic !!!notbase64",
          "Basic " + b64("no-colon-here"),
          "Basic " + b64("a:b:" + S1)
        }) {
      Reply reply = h.get("/api/v3/configure/token", "Authorization", value);
      assertThat(reply.status()).as(value).isEqualTo(400);
      assertJson(reply, 400, MALFORMED);
    }
  }

  @Test
  void authorization_matchesTheSchemeCaseInsensitively() {
    h.createOperator();
    for (String value :
        new String[] {
          "bearer " + S1, "BEARER " + S1, "TOKEN " + S1, "token " + S1, "bAsIc " + b64("u:" + S1)
        }) {
      assertThat(h.get("/api/v3/configure/token", "Authorization", value).status())
          .as(value)
          .isEqualTo(200);
    }
    assertJson(
        h.get("/api/v3/configure/token", "Authorization", "bearer apiv3_nope"),
        401,
        UNAUTHENTICATED);
  }

  @Test
  void authorization_acceptsBearerTokenAndBasicSchemes() {
    h.createOperator();
    assertThat(h.get("/api/v3/configure/token", "Authorization", "Bearer " + S1).status())
        .isEqualTo(200);
    assertThat(h.get("/api/v3/configure/token", "Authorization", "Token " + S1).status())
        .isEqualTo(200);
    assertThat(
            h.get("/api/v3/configure/token", "Authorization", "Basic " + b64("me:" + S1)).status())
        .isEqualTo(200);
    assertThat(h.get("/api/v3/configure/token", "Authorization", "Basic " + b64(":" + S1)).status())
        .isEqualTo(200);
  }

  @Test
  void noRoute_isPlain404NotFound_afterAuthentication() {
    String admin = h.createOperator();
    assertPlain(h.get("/api/v3/nothing", Harness.bearer(admin)), 404, "Not found");
    assertJson(h.get("/api/v3/nothing"), 401, UNAUTHENTICATED);
  }

  // --- endpoints ---

  @Test
  void createOperator_is201WithTheTokenObjectInKeyOrder() {
    Reply reply = h.post("/api/v3/configure/token/admin", "ignored body");
    assertJson(
        reply,
        201,
        "{\"id\":0,\"name\":\"_admin\",\"token\":\""
            + S1
            + "\",\"hash\":\""
            + H1
            + "\",\"created_at\":\""
            + T0
            + "\",\"expiry\":null}");
    assertThat(reply.header("access-control-allow-origin")).isNull();
  }

  @Test
  void createOperator_second_is409TokenNameAlreadyExists() {
    h.createOperator();
    assertPlain(
        h.post("/api/v3/configure/token/admin", null), 409, "token name already exists, _admin");
  }

  @Test
  void regenerate_is201WithSameIdAndCreatedAtAndNewTokenAndHash() {
    h.createOperator();
    h.clock.advance(Duration.ofMinutes(5));
    assertJson(
        h.post("/api/v3/configure/token/admin/regenerate", null, Harness.bearer(S1)),
        201,
        "{\"id\":0,\"name\":\"_admin\",\"token\":\""
            + S2
            + "\",\"hash\":\""
            + H2
            + "\",\"created_at\":\""
            + T0
            + "\",\"expiry\":null}");
  }

  @Test
  void regenerate_withoutValidToken_is401() {
    h.createOperator();
    assertJson(
        h.post("/api/v3/configure/token/admin/regenerate", null, Harness.bearer("apiv3_x")),
        401,
        UNAUTHENTICATED);
  }

  @Test
  void regenerate_withoutOperatorToken_is404MissingAdminToken() {
    h.authority.importToken(
        io.tollgate.core.domain.TokenName.of("ops"),
        io.tollgate.core.domain.TokenSecret.imported("apiv3_" + "k".repeat(40)),
        io.tollgate.core.domain.Expiry.NEVER);
    assertPlain(
        h.post(
            "/api/v3/configure/token/admin/regenerate",
            null,
            Harness.bearer("apiv3_" + "k".repeat(40))),
        404,
        "missing admin token, cannot update");
  }

  @Test
  void namedAdmin_is201WithExpiry() {
    h.createOperator();
    assertJson(
        h.post(
            "/api/v3/configure/token/named_admin",
            "{\"token_name\": \"ci\", \"expiry_secs\": 3600}",
            Harness.bearerJson(S1)),
        201,
        "{\"id\":1,\"name\":\"ci\",\"token\":\""
            + S2
            + "\",\"hash\":\""
            + H2
            + "\",\"created_at\":\""
            + T0
            + "\",\"expiry\":\"2025-04-18T15:02:45.331Z\"}");
  }

  @Test
  void namedAdmin_expiryZero_neverExpires() {
    h.createOperator();
    Reply reply =
        h.post(
            "/api/v3/configure/token/named_admin",
            "{\"expiry_secs\": 0, \"token_name\": \"TOKEN_NAME\"}",
            Harness.bearerJson(S1));
    assertThat(reply.status()).isEqualTo(201);
    assertThat(reply.body()).endsWith("\"expiry\":null}");
  }

  @Test
  void namedAdmin_duplicate_is409() {
    h.createOperator();
    h.post(
        "/api/v3/configure/token/named_admin", "{\"token_name\":\"ci\"}", Harness.bearerJson(S1));
    assertPlain(
        h.post(
            "/api/v3/configure/token/named_admin",
            "{\"token_name\":\"ci\"}",
            Harness.bearerJson(S1)),
        409,
        "token name already exists, ci");
  }

  @Test
  void namedAdmin_withoutJsonContentType_is415() {
    h.createOperator();
    for (String type : new String[] {"text/plain", "application/x-www-form-urlencoded", "json"}) {
      assertPlain(
          h.post(
              "/api/v3/configure/token/named_admin",
              "{\"token_name\":\"ci\"}",
              "Authorization",
              "Bearer " + S1,
              "Content-Type",
              type),
          415,
          "unacceptable content-type, expected: application/json");
    }
    assertPlain(
        h.post(
            "/api/v3/configure/token/named_admin", "{\"token_name\":\"ci\"}", Harness.bearer(S1)),
        415,
        "unacceptable content-type, expected: application/json");
  }

  @Test
  void namedAdmin_jsonWithCharset_isAccepted() {
    h.createOperator();
    assertThat(
            h.post(
                    "/api/v3/configure/token/named_admin",
                    "{\"token_name\":\"ci\"}",
                    "Authorization",
                    "Bearer " + S1,
                    "Content-Type",
                    "application/json; charset=utf-8")
                .status())
        .isEqualTo(201);
  }

  @Test
  void namedAdmin_badJson_is400SerdeJsonError() {
    h.createOperator();
    assertPlain(
        h.post("/api/v3/configure/token/named_admin", "{\"token_name\":", Harness.bearerJson(S1)),
        400,
        "serde json error: Unexpected end-of-input within/between Object entries at line 1"
            + " column 15");
    assertPlain(
        h.post("/api/v3/configure/token/named_admin", "{}", Harness.bearerJson(S1)),
        400,
        "serde json error: missing field `token_name`");
    assertPlain(
        h.post(
            "/api/v3/configure/token/named_admin",
            "{\"token_name\":\"x\",\"expiry_secs\":-5}",
            Harness.bearerJson(S1)),
        400,
        "serde json error: invalid value: integer `-5`, expected a non-negative integer for field"
            + " `expiry_secs`");
    assertPlain(
        h.post(
            "/api/v3/configure/token/named_admin",
            "{\"token_name\":\"x\",\"expiry_secs\":\"60\"}",
            Harness.bearerJson(S1)),
        400,
        "serde json error: invalid type: string, expected u64 for field `expiry_secs`");
    assertPlain(
        h.post(
            "/api/v3/configure/token/named_admin",
            "{\"token_name\":\"x\",\"expiry_secs\":999999999999}",
            Harness.bearerJson(S1)),
        400,
        "serde json error: expiry_secs 999999999999 ends after year 9999");
  }

  @Test
  void namedAdmin_reservedOrInvalidName_is400() {
    h.createOperator();
    assertPlain(
        h.post(
            "/api/v3/configure/token/named_admin",
            "{\"token_name\":\"_admin\"}",
            Harness.bearerJson(S1)),
        400,
        "token name _admin is reserved for the operator token");
    assertPlain(
        h.post(
            "/api/v3/configure/token/named_admin",
            "{\"token_name\":\"  \"}",
            Harness.bearerJson(S1)),
        400,
        "token name must not be only whitespace");
  }

  @Test
  void delete_is200WithAnEmptyBody() {
    h.createOperator();
    h.post(
        "/api/v3/configure/token/named_admin", "{\"token_name\":\"ci\"}", Harness.bearerJson(S1));
    Reply reply = h.delete("/api/v3/configure/token?token_name=ci", Harness.bearer(S1));
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.body()).isEmpty();
    assertThat(reply.header("cluster-uuid")).isEqualTo(CLUSTER);
    assertThat(reply.header("access-control-allow-origin")).isNull();
  }

  @Test
  void delete_operator_is405_unknown_is404_missingParameter_is400() {
    h.createOperator();
    assertPlain(
        h.delete("/api/v3/configure/token?token_name=_admin", Harness.bearer(S1)),
        405,
        "cannot delete operator token");
    assertPlain(
        h.delete("/api/v3/configure/token?token_name=ghost", Harness.bearer(S1)),
        404,
        "the requested resource was not found: ghost");
    assertPlain(
        h.delete("/api/v3/configure/token", Harness.bearer(S1)),
        400,
        "serde error: missing field `token_name`");
  }

  @Test
  void list_isAJsonArrayOfRowsWithoutTokenStrings() {
    h.createOperator();
    h.clock.advance(Duration.ofSeconds(1));
    h.post(
        "/api/v3/configure/token/named_admin",
        "{\"token_name\":\"ci\",\"expiry_secs\":60}",
        Harness.bearerJson(S1));
    assertJson(
        h.get("/api/v3/configure/token", Harness.bearer(S1)),
        200,
        "[{\"token_id\":0,\"name\":\"_admin\",\"hash\":\"13dcea61a\",\"created_at\":\""
            + T0
            + "\",\"permissions\":\"*:*:*\",\"status\":\"active\","
            + "\"last_used_at\":\"2025-04-18T14:02:46.331Z\"},"
            + "{\"token_id\":1,\"name\":\"ci\",\"hash\":\"4e7c5874f\",\"created_at\":"
            + "\"2025-04-18T14:02:46.331Z\",\"created_by_token_id\":0,"
            + "\"expiry\":\"2025-04-18T14:03:46.331Z\",\"permissions\":\"*:*:*\","
            + "\"status\":\"active\"}]");
  }

  @Test
  void querySql_systemTokens_inEveryFormat() {
    h.createOperator();
    String q = "/api/v3/query_sql?db=_internal&q=SELECT%20*%20FROM%20system.tokens";
    String row =
        "{\"token_id\":0,\"name\":\"_admin\",\"hash\":\"13dcea61a\",\"created_at\":\""
            + T0
            + "\",\"permissions\":\"*:*:*\",\"status\":\"active\",\"last_used_at\":\""
            + T0
            + "\"}";
    assertJson(h.get(q, Harness.bearer(S1)), 200, "[" + row + "]");
    assertJson(h.get(q + "&format=json", Harness.bearer(S1)), 200, "[" + row + "]");
    Reply jsonl = h.get(q + "&format=jsonl", Harness.bearer(S1));
    assertThat(jsonl.body()).isEqualTo(row + "\n");
    assertThat(jsonl.header("content-type")).isEqualTo("application/jsonl");
    Reply csv = h.get(q + "&format=csv", Harness.bearer(S1));
    assertThat(csv.body())
        .isEqualTo(
            "token_id,name,hash,created_at,description,created_by_token_id,updated_at,"
                + "updated_by_token_id,expiry,permissions,status,last_used_at\n"
                + "0,_admin,13dcea61a,"
                + T0
                + ",,,,,,*:*:*,active,"
                + T0
                + "\n");
    assertThat(csv.header("content-type")).startsWith("text/csv");
    Reply pretty = h.get(q + "&format=pretty", Harness.bearer(S1));
    String border =
        "+----------+--------+-----------+--------------------------+-------------+"
            + "---------------------+------------+---------------------+--------+-------------+"
            + "--------+--------------------------+\n";
    assertThat(pretty.body())
        .isEqualTo(
            border
                + "| token_id | name   | hash      | created_at               | description |"
                + " created_by_token_id | updated_at | updated_by_token_id | expiry | permissions |"
                + " status | last_used_at             |\n"
                + border
                + "| 0        | _admin | 13dcea61a | 2025-04-18T14:02:45.331Z |             |"
                + "                     |            |                     |        | *:*:*       |"
                + " active | 2025-04-18T14:02:45.331Z |\n"
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

  private static String b64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
