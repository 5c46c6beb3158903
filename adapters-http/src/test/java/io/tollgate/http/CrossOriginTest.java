package io.tollgate.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.http.Harness.Reply;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * SPEC section 3 step 1 over real HTTP: no CORS unless {@code --cors-allow-origin} names the
 * caller's origin, and the endpoints that hand out a secret without authentication (bootstrap,
 * recovery listener) refuse a web page with 403.
 */
class CrossOriginTest {
  static final String CREATE_ADMIN = "/api/v3/configure/token/admin";
  static final String REGENERATE = "/api/v3/configure/token/admin/regenerate";
  static final String EVIL = "https://evil.example";
  static final String CONSOLE = "https://console.example.com";

  private static Harness start(UnaryOperator<HttpServerConfig.Builder> configure) {
    return Harness.start(configure);
  }

  private static void assertRefusedAsCrossSite(Reply reply) {
    assertThat(reply.status()).as(reply.toString()).isEqualTo(403);
    assertThat(reply.header("content-type")).isEqualTo("application/json");
    assertThat(reply.body())
        .startsWith("{\"error\": \"request refused: ")
        .contains("cross-site")
        .contains("--cors-allow-origin")
        .doesNotContain("apiv3_");
  }

  @Test
  void bootstrap_theIssuesCurl_evilOriginAndTextPlain_is403_andCreatesNoOperatorToken() {
    try (Harness h = start(b -> b)) {
      Reply reply = h.post(CREATE_ADMIN, "x", "Origin", EVIL, "Content-Type", "text/plain");

      assertRefusedAsCrossSite(reply);
      assertThat(reply.header("access-control-allow-origin")).isNull();
      assertThat(h.authority.listTokens()).isEmpty();
      assertThat(h.post(CREATE_ADMIN, null).status()).isEqualTo(201);
    }
  }

  @Test
  void bootstrap_withoutOrigin_asCurlSendsIt_is201_withNoCorsHeader() {
    try (Harness h = start(b -> b)) {
      Reply reply = h.post(CREATE_ADMIN, null);

      assertThat(reply.status()).isEqualTo(201);
      assertThat(reply.header("access-control-allow-origin")).isNull();
      assertThat(reply.header("vary")).isNull();
    }
  }

  @Test
  void bootstrap_fromAnAllowedOrigin_is201_withThatOriginAllowed() {
    try (Harness h =
        start(b -> b.corsAllowOrigin(CONSOLE).corsAllowOrigin("http://localhost:3000"))) {
      Reply reply = h.post(CREATE_ADMIN, null, "Origin", CONSOLE);

      assertThat(reply.status()).isEqualTo(201);
      assertThat(reply.header("access-control-allow-origin")).isEqualTo(CONSOLE);
      assertThat(reply.header("vary")).isEqualTo("Origin");
    }
  }

  @Test
  void bootstrap_fromAnOriginNotAllowed_is403_evenWhenOthersAre() {
    try (Harness h = start(b -> b.corsAllowOrigin(CONSOLE))) {
      Reply evil = h.post(CREATE_ADMIN, null, "Origin", EVIL);
      assertRefusedAsCrossSite(evil);
      assertThat(evil.header("access-control-allow-origin")).isNull();
      assertRefusedAsCrossSite(h.post(CREATE_ADMIN, null, "Origin", "null"));
      assertRefusedAsCrossSite(h.post(CREATE_ADMIN, null, "Origin", CONSOLE + ".evil.example"));
      assertThat(h.authority.listTokens()).isEmpty();
    }
  }

  @Test
  void bootstrap_withSecFetchSiteCrossSite_is403_whateverTheOrigin() {
    try (Harness h = start(b -> b.corsAllowOrigin(CONSOLE))) {
      assertRefusedAsCrossSite(h.post(CREATE_ADMIN, null, "Sec-Fetch-Site", "cross-site"));
      assertRefusedAsCrossSite(
          h.post(CREATE_ADMIN, null, "Origin", CONSOLE, "Sec-Fetch-Site", "cross-site"));
      assertThat(h.authority.listTokens()).isEmpty();

      assertThat(h.post(CREATE_ADMIN, null, "Sec-Fetch-Site", "none").status()).isEqualTo(201);
    }
  }

  @Test
  void anyOrigin_isAllowedOnlyWhenStarIsGivenExplicitly() {
    try (Harness h = start(b -> b)) {
      assertRefusedAsCrossSite(h.post(CREATE_ADMIN, null, "Origin", "https://any.example"));
    }
    try (Harness h = start(b -> b.corsAllowOrigin("*"))) {
      Reply reply = h.post(CREATE_ADMIN, null, "Origin", "https://any.example");
      assertThat(reply.status()).isEqualTo(201);
      assertThat(reply.header("access-control-allow-origin")).isEqualTo("https://any.example");
    }
  }

  @Test
  void preflight_is204WithTheCorsHeaders_onlyForAnAllowedOrigin() {
    try (Harness h = start(b -> b.corsAllowOrigin(CONSOLE))) {
      Reply allowed =
          h.send(
              "OPTIONS",
              "/api/v3/configure/token/named_admin",
              null,
              "Origin",
              CONSOLE,
              "Access-Control-Request-Method",
              "POST",
              "Access-Control-Request-Headers",
              "authorization, content-type");
      assertThat(allowed.status()).isEqualTo(204);
      assertThat(allowed.body()).isEmpty();
      assertThat(allowed.header("access-control-allow-origin")).isEqualTo(CONSOLE);
      assertThat(allowed.header("access-control-allow-methods")).contains("POST", "DELETE");
      assertThat(allowed.header("access-control-allow-headers"))
          .contains("Authorization", "Content-Type");
      assertThat(allowed.header("access-control-max-age")).isEqualTo("86400");
      assertThat(allowed.header("vary")).isEqualTo("Origin");
      assertThat(allowed.header("cluster-uuid")).isEqualTo(GoldenWire.CLUSTER);

      for (String[] headers :
          new String[][] {
            {"Origin", EVIL, "Access-Control-Request-Method", "POST"},
            {"Access-Control-Request-Method", "POST"}
          }) {
        Reply refused = h.send("OPTIONS", "/api/v3/configure/token/named_admin", null, headers);
        assertThat(refused.status()).as(String.join(" ", headers)).isNotEqualTo(204);
        assertThat(refused.header("access-control-allow-origin")).isNull();
        assertThat(refused.header("access-control-allow-methods")).isNull();
      }
    }
  }

  @Test
  void withoutCorsConfigured_noResponseCarriesACorsHeader_andOptionsIsNoPreflight() {
    try (Harness h = start(b -> b)) {
      String admin = h.createOperator();
      Reply preflight =
          h.send(
              "OPTIONS",
              "/anything",
              null,
              "Origin",
              CONSOLE,
              "Access-Control-Request-Method",
              "GET");
      Reply listed =
          h.get("/api/v3/configure/token", "Authorization", "Bearer " + admin, "Origin", CONSOLE);
      Reply refused = h.get("/api/v3/configure/token", "Origin", CONSOLE);

      assertThat(preflight.status()).isNotEqualTo(204);
      for (Reply reply : new Reply[] {preflight, listed, refused}) {
        assertThat(reply.headers().keySet()).noneMatch(name -> name.startsWith("access-control-"));
      }
      assertThat(listed.status()).isEqualTo(200);
    }
  }

  @Test
  void allowedOrigin_getsItsAllowOriginOnEveryResponse_othersGetNone() {
    try (Harness h = start(b -> b.corsAllowOrigin(CONSOLE))) {
      String admin = h.createOperator();

      Reply listed =
          h.get("/api/v3/configure/token", "Authorization", "Bearer " + admin, "Origin", CONSOLE);
      Reply unauthenticated = h.get("/api/v3/configure/token", "Origin", CONSOLE);
      Reply other =
          h.get("/api/v3/configure/token", "Authorization", "Bearer " + admin, "Origin", EVIL);

      assertThat(listed.status()).isEqualTo(200);
      assertThat(listed.header("access-control-allow-origin")).isEqualTo(CONSOLE);
      assertThat(unauthenticated.status()).isEqualTo(401);
      assertThat(unauthenticated.header("access-control-allow-origin")).isEqualTo(CONSOLE);
      assertThat(other.status()).isEqualTo(200);
      assertThat(other.header("access-control-allow-origin")).isNull();
    }
  }

  @Test
  void config_refusesAnOriginWithAPathOrWithoutAScheme() {
    for (String bad :
        new String[] {"https://a.example/", "a.example", "https://a.example/x", "", "null"}) {
      assertThatThrownBy(() -> HttpServerConfig.builder().corsAllowOrigin(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("--cors-allow-origin");
    }
    assertThat(
            HttpServerConfig.builder()
                .corsAllowOrigin("HTTPS://Console.Example.com:8443")
                .corsAllowOrigin("*")
                .build()
                .corsAllowedOrigins())
        .containsExactlyInAnyOrder("https://console.example.com:8443", "*");
    assertThat(HttpServerConfig.builder().build().corsAllowedOrigins()).isEmpty();
  }

  // --- the recovery listener hands out the operator secret too ---

  @Test
  void recoveryListener_refusesAWebPage_with403_andStaysOpenWithTheTokenUnchanged() {
    try (Harness h = start(b -> b.recoveryBind("127.0.0.1:0").corsAllowOrigin(CONSOLE))) {
      int port = h.server.recoveryPort().orElseThrow();
      String admin = h.createOperator();
      String recovery = "http://127.0.0.1:" + port;

      assertRefusedAsCrossSite(
          h.sendTo(
              recovery, "POST", REGENERATE, "x", "Origin", EVIL, "Content-Type", "text/plain"));
      assertRefusedAsCrossSite(
          h.sendTo(recovery, "POST", REGENERATE, null, "Sec-Fetch-Site", "cross-site"));
      assertRefusedAsCrossSite(
          h.sendTo(
              recovery,
              "POST",
              REGENERATE,
              null,
              "Origin",
              CONSOLE,
              "Sec-Fetch-Site",
              "cross-site"));

      assertThat(h.server.isRecoveryListenerOpen()).isTrue();
      assertThat(h.get("/api/v3/configure/token", Harness.bearer(admin)).status()).isEqualTo(200);

      Reply fromCurl = h.sendTo(recovery, "POST", REGENERATE, null);
      assertThat(fromCurl.status()).isEqualTo(201);
      assertThat(fromCurl.header("access-control-allow-origin")).isNull();
    }
  }
}
