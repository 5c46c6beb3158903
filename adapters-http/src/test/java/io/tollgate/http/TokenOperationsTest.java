package io.tollgate.http;

import static io.tollgate.http.GoldenWire.CLUSTER;
import static io.tollgate.http.GoldenWire.S1;
import static io.tollgate.http.GoldenWire.S2;
import static io.tollgate.http.GoldenWire.T0;
import static io.tollgate.http.GoldenWire.UNAUTHENTICATED;
import static io.tollgate.http.GoldenWire.assertJson;
import static io.tollgate.http.GoldenWire.assertPlain;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.core.domain.RecoveryCode;
import io.tollgate.http.Harness.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The InfluxDB 2 style operations: descriptions, active/inactive, and the recovery code. */
class TokenOperationsTest {
  static final String TOKEN = "/api/v3/configure/token";
  static final String NAMED_ADMIN = TOKEN + "/named_admin";
  static final String RECOVERY_CODE = TOKEN + "/admin/recovery_code";
  static final String CI_ROW_PREFIX =
      "{\"token_id\":1,\"name\":\"ci\",\"hash\":\"4e7c5874f\",\"created_at\":\"" + T0 + "\",";

  Harness h;

  @BeforeEach
  void start() {
    h = Harness.start();
    h.createOperator();
  }

  @AfterEach
  void stop() {
    h.close();
  }

  private Reply createCi(String body) {
    return h.post(NAMED_ADMIN, body, Harness.bearerJson(S1));
  }

  private Reply patch(String query, String body) {
    return h.send("PATCH", TOKEN + query, body, Harness.bearerJson(S1));
  }

  @Test
  void namedAdmin_withDescription_isStoredAndListed() {
    assertThat(createCi("{\"token_name\":\"ci\",\"description\":\"deploys from CI\"}").status())
        .isEqualTo(201);

    assertThat(h.get(TOKEN, Harness.bearer(S1)).body())
        .contains(CI_ROW_PREFIX + "\"description\":\"deploys from CI\",\"created_by_token_id\":0,");
  }

  @Test
  void namedAdmin_withATooLongOrControlCharacterDescription_is400AndCreatesNothing() {
    assertPlain(
        createCi("{\"token_name\":\"ci\",\"description\":\"" + "d".repeat(1025) + "\"}"),
        400,
        "serde json error: description must be at most 1024 characters, got 1025");
    assertPlain(
        createCi("{\"token_name\":\"ci\",\"description\":\"a\\u0007b\"}"),
        400,
        "serde json error: description must not contain control characters");
    assertPlain(
        createCi("{\"token_name\":\"ci\",\"description\":7}"),
        400,
        "serde json error: invalid type: integer `7`, expected a string for field `description`");
    assertThat(h.authority.listTokens()).hasSize(1);
  }

  @Test
  void patch_setsDescriptionAndStatus_andAnswersWithTheRow() {
    createCi("{\"token_name\":\"ci\"}");

    assertJson(
        patch("?token_name=ci", "{\"description\":\"CI\",\"status\":\"inactive\"}"),
        200,
        CI_ROW_PREFIX
            + "\"description\":\"CI\",\"created_by_token_id\":0,\"updated_at\":\""
            + T0
            + "\",\"updated_by_token_id\":0,\"permissions\":\"*:*:*\",\"status\":\"inactive\"}");
  }

  @Test
  void patch_inactiveTokenIsRefusedAtOnceLikeAnUnknownOne_andReactivatingRestoresIt() {
    createCi("{\"token_name\":\"ci\"}");
    assertThat(h.get("/health", Harness.bearer(S2)).status()).isEqualTo(200);

    patch("?token_name=ci", "{\"status\":\"inactive\"}");
    assertJson(h.get("/health", Harness.bearer(S2)), 401, UNAUTHENTICATED);

    patch("?token_name=ci", "{\"status\":\"active\"}");
    assertThat(h.get("/health", Harness.bearer(S2)).status()).isEqualTo(200);
  }

  @Test
  void patch_onlyTheGivenFieldChange() {
    createCi("{\"token_name\":\"ci\",\"description\":\"kept\"}");

    patch("?token_name=ci", "{\"status\":\"inactive\"}");
    patch("?token_name=ci", "{\"description\":null}");

    assertThat(h.get(TOKEN, Harness.bearer(S1)).body())
        .contains("\"description\":\"kept\"")
        .contains("\"status\":\"inactive\"");
  }

  @Test
  void patch_operatorToken_is405() {
    assertPlain(
        patch("?token_name=_admin", "{\"status\":\"inactive\"}"),
        405,
        "cannot edit operator token");
    assertThat(h.get("/health", Harness.bearer(S1)).status()).isEqualTo(200);
  }

  @Test
  void patch_badRequests_are4xxAndChangeNothing() {
    createCi("{\"token_name\":\"ci\",\"description\":\"kept\"}");
    String before = h.get(TOKEN, Harness.bearer(S1)).body();

    assertPlain(
        patch("?token_name=nobody", "{\"status\":\"inactive\"}"),
        404,
        "the requested resource was not found: nobody");
    assertPlain(
        patch("", "{\"status\":\"inactive\"}"), 400, "serde error: missing field `token_name`");
    assertPlain(
        patch("?token_name=ci", "{}"),
        400,
        "serde json error: nothing to update: give `description` and/or `status`");
    assertPlain(
        patch("?token_name=ci", "{\"status\":\"paused\"}"),
        400,
        "serde json error: status must be \"active\" or \"inactive\", got \"paused\"");
    assertPlain(
        patch("?token_name=ci", "{\"description\":\"" + "d".repeat(1025) + "\"}"),
        400,
        "serde json error: description must be at most 1024 characters, got 1025");
    assertPlain(
        h.send("PATCH", TOKEN + "?token_name=ci", "{}", Harness.bearer(S1)),
        415,
        "unacceptable content-type, expected: application/json");
    assertJson(
        h.send(
            "PATCH",
            TOKEN + "?token_name=ci",
            "{\"status\":\"inactive\"}",
            "Content-Type",
            "application/json"),
        401,
        UNAUTHENTICATED);

    assertThat(h.get(TOKEN, Harness.bearer(S1)).body()).isEqualTo(before);
  }

  @Test
  void recoveryCode_is201WithAGroupedCodeShownOnce_andOnlyItsHashIsKept() {
    Reply reply = h.post(RECOVERY_CODE, null, Harness.bearer(S1));

    assertThat(reply.status()).isEqualTo(201);
    assertThat(reply.header("content-type")).isEqualTo("application/json");
    assertThat(reply.header("cluster-uuid")).isEqualTo(CLUSTER);
    String code = reply.field("recovery_code");
    assertThat(code).matches("([0-9A-HJKMNP-TV-Z]{5}-){4}[0-9A-HJKMNP-TV-Z]{5}");
    assertThat(RecoveryCode.BITS).isGreaterThanOrEqualTo(100);
    assertThat(h.recoveryCodes.recoveryCodeRequired()).isTrue();
    assertThat(h.get(TOKEN, Harness.bearer(S1)).body()).doesNotContain(code);
  }

  @Test
  void recoveryCode_aNewCodeReplacesTheOld() {
    String first = h.post(RECOVERY_CODE, null, Harness.bearer(S1)).field("recovery_code");
    String second = h.post(RECOVERY_CODE, null, Harness.bearer(S1)).field("recovery_code");

    assertThat(second).isNotEqualTo(first);
    assertThatRegenerationWith(first).isFalse();
    assertThatRegenerationWith(second).isTrue();
  }

  private org.assertj.core.api.AbstractBooleanAssert<?> assertThatRegenerationWith(String code) {
    boolean ok;
    try {
      h.recoveryCodes.regenerateWithRecoveryCode(code);
      ok = true;
    } catch (io.tollgate.core.domain.RecoveryCodeRejectedException e) {
      ok = false;
    }
    return assertThat(ok);
  }

  @Test
  void recoveryCode_needsAValidToken() {
    assertJson(h.post(RECOVERY_CODE, null), 401, UNAUTHENTICATED);
    assertThat(h.recoveryCodes.recoveryCodeRequired()).isFalse();
  }

  @Test
  void recoveryCode_startedWithoutAuth_is405LikeTheRestOfTheTokenApi() {
    try (Harness open = Harness.start(b -> b.withoutAuth(true))) {
      assertPlain(open.post(RECOVERY_CODE, null), 405, "endpoint disabled, started without auth");
    }
  }
}
