package io.tollgate.http;

import static io.tollgate.http.GoldenWire.CLUSTER;
import static io.tollgate.http.GoldenWire.H1;
import static io.tollgate.http.GoldenWire.H2;
import static io.tollgate.http.GoldenWire.S1;
import static io.tollgate.http.GoldenWire.S2;
import static io.tollgate.http.GoldenWire.T0;
import static io.tollgate.http.GoldenWire.UNAUTHENTICATED;
import static io.tollgate.http.GoldenWire.assertJson;
import static io.tollgate.http.GoldenWire.assertPlain;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.http.Harness.Reply;
import java.time.Duration;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * Golden tests of SPEC section 3, the token endpoints: create, regenerate, named admin, delete,
 * list. Secrets come from {@link FixedSecrets}, time from a clock standing at
 * 2025-04-18T14:02:45.331Z.
 */
class GoldenTokenEndpointsTest {
  @AutoClose final Harness h = GoldenWire.startHarness();

  // --- token endpoints ---

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
            + "\",\"permissions\":\"*:*:*\",\"status\":\"active\"},"
            + "{\"token_id\":1,\"name\":\"ci\",\"hash\":\"4e7c5874f\",\"created_at\":"
            + "\"2025-04-18T14:02:46.331Z\",\"created_by_token_id\":0,"
            + "\"expiry\":\"2025-04-18T14:03:46.331Z\",\"permissions\":\"*:*:*\","
            + "\"status\":\"active\"}]");
  }
}
