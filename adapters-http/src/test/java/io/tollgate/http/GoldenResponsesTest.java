package io.tollgate.http;

import static io.tollgate.http.GoldenWire.MALFORMED;
import static io.tollgate.http.GoldenWire.S1;
import static io.tollgate.http.GoldenWire.UNAUTHENTICATED;
import static io.tollgate.http.GoldenWire.assertJson;
import static io.tollgate.http.GoldenWire.assertPlain;
import static io.tollgate.http.GoldenWire.b64;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.http.Harness.Reply;
import java.time.Duration;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * Golden tests of SPEC section 3, the request pipeline: authorization forms and schemes, no route.
 * Secrets come from {@link FixedSecrets}, time from a clock standing at 2025-04-18T14:02:45.331Z.
 */
class GoldenResponsesTest {
  @AutoClose final Harness h = GoldenWire.startHarness();

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
}
