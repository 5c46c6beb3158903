package io.tollgate.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.http.Harness.Reply;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC section 9 over HTTP: the three endpoints read the original request where each gateway puts
 * it, take the permission from {@code require=}, else the first matching rule, else any valid
 * token, and answer 200 with the token's id and name, 401 with the Bearer challenge, or 403.
 */
class ForwardAuthTest {
  static final String RULES =
      """
      [
        {"path": "/public/**", "anonymous": true},
        {"method": "POST", "path": "/orders/**", "require": ["db:orders:write"]},
        {"path": "/orders/**", "require": ["db:orders:read"]},
        {"host": "admin.example.com", "path": "/**", "require": ["*:*:*"]},
        {"path": "/items/*/price", "require": ["db:prices:read"]},
        {"path": "/**", "require": []}
      ]
      """;

  @TempDir Path dir;
  private Harness h;
  private String admin;
  private String reader;
  private String writer;

  @BeforeEach
  void start() throws IOException {
    Path rules = dir.resolve("rules.json");
    Files.writeString(rules, RULES);
    h = Harness.start(config -> config.authzRules(rules));
    admin = h.createOperator();
    reader = resourceToken("reader", "db", "orders", "read");
    writer = resourceToken("writer", "db", "orders", "write");
  }

  @AfterEach
  void stop() {
    h.close();
  }

  private String resourceToken(String name, String type, String resource, String action) {
    Reply reply =
        h.post(
            "/api/v3/enterprise/configure/token",
            "{\"token_name\":\""
                + name
                + "\",\"permissions\":[{\"resource_type\":\""
                + type
                + "\",\"resource_names\":[\""
                + resource
                + "\"],\"actions\":[\""
                + action
                + "\"]}]}",
            Harness.bearerJson(admin));
    assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    return reply.field("token");
  }

  private Reply forwardAuth(String token, String method, String host, String uri) {
    return h.get(
        ForwardAuth.FORWARD_AUTH,
        headers(
            token, "X-Forwarded-Method", method, "X-Forwarded-Host", host, "X-Forwarded-Uri", uri));
  }

  private static String[] headers(String token, String... pairs) {
    String[] all = new String[pairs.length + (token == null ? 0 : 2)];
    System.arraycopy(pairs, 0, all, 0, pairs.length);
    if (token != null) {
      all[pairs.length] = "Authorization";
      all[pairs.length + 1] = "Bearer " + token;
    }
    return all;
  }

  @Test
  void forwardAuth_allowsAPermittedToken_withItsIdAndName_andAnEmptyBody() {
    Reply reply = forwardAuth(reader, "GET", "shop.example.com", "/orders/42?x=1");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.body()).isEmpty();
    assertThat(reply.header(ForwardAuth.TOKEN_NAME)).isEqualTo("reader");
    assertThat(reply.header(ForwardAuth.TOKEN_ID)).matches("[0-9]+");
  }

  @Test
  void forwardAuth_refusesATokenLackingTheRulesPermission_with403() {
    assertThat(forwardAuth(reader, "POST", "shop.example.com", "/orders/42").status())
        .isEqualTo(403);
    assertThat(forwardAuth(writer, "POST", "shop.example.com", "/orders/42").status())
        .isEqualTo(200);
    assertThat(forwardAuth(writer, "GET", "shop.example.com", "/orders/42").status())
        .isEqualTo(403);
  }

  @Test
  void noOrUnknownOrMalformedCredentials_get401_withTheBearerChallenge() {
    for (String[] credentials :
        new String[][] {
          {},
          {"Authorization", "Bearer apiv3_unknown"},
          {"Authorization", "Bearer"},
          {"Authorization", "Digest a b c"},
          {"Authorization", "Basic !!!"}
        }) {
      String[] all = new String[credentials.length + 2];
      all[0] = "X-Forwarded-Uri";
      all[1] = "/orders/1";
      System.arraycopy(credentials, 0, all, 2, credentials.length);
      Reply reply = h.get(ForwardAuth.FORWARD_AUTH, all);
      assertThat(reply.status()).as(String.join(" ", credentials)).isEqualTo(401);
      assertThat(reply.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"tollgate\"");
    }
  }

  @Test
  void anAnonymousRule_letsTheRequestPassWithoutAToken() {
    Reply reply = forwardAuth(null, "GET", "shop.example.com", "/public/logo.png");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.header(ForwardAuth.TOKEN_NAME)).isNull();
  }

  @Test
  void requireParameters_overrideTheRules_andMustAllHold() {
    String both = ForwardAuth.FORWARD_AUTH + "?require=db:orders:read&require=db:orders:write";
    String[] readerHeaders = headers(reader, "X-Forwarded-Uri", "/public/x");

    assertThat(h.get(ForwardAuth.FORWARD_AUTH + "?require=db:orders:read", readerHeaders).status())
        .isEqualTo(200);
    assertThat(h.get(both, readerHeaders).status()).isEqualTo(403);
    assertThat(h.get(both, headers(admin, "X-Forwarded-Uri", "/public/x")).status()).isEqualTo(200);
    assertThat(h.get(both, "X-Forwarded-Uri", "/public/x").status()).isEqualTo(401);
  }

  @Test
  void anInvalidRequireParameter_is403_never400() {
    for (String query :
        new String[] {"require=", "require", "require=nonsense", "require=%zz", "require=*:a:b"}) {
      RawHttp.RawReply reply =
          RawHttp.send(
              h.server.port(),
              "GET "
                  + ForwardAuth.FORWARD_AUTH
                  + "?"
                  + query
                  + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                  + admin
                  + "\r\nConnection: close\r\n\r\n");
      assertThat(reply.status()).as(query).isEqualTo(403);
    }
  }

  @Test
  void hostRules_matchTheForwardedHost_withOrWithoutPort() {
    assertThat(forwardAuth(reader, "GET", "admin.example.com", "/x").status()).isEqualTo(403);
    assertThat(forwardAuth(reader, "GET", "ADMIN.example.com:8443", "/x").status()).isEqualTo(403);
    assertThat(forwardAuth(admin, "GET", "admin.example.com", "/x").status()).isEqualTo(200);
    assertThat(forwardAuth(reader, "GET", "other.example.com", "/x").status()).isEqualTo(200);
  }

  @Test
  void aSingleStar_matchesExactlyOneSegment() {
    assertThat(forwardAuth(reader, "GET", "h", "/items/7/price").status()).isEqualTo(403);
    assertThat(forwardAuth(reader, "GET", "h", "/items/7/8/price").status()).isEqualTo(200);
  }

  @Test
  void aMalformedOriginalUri_matchesOnlyTheCatchAll_neverAnAnonymousRule() {
    for (String uri :
        new String[] {
          "/public/../orders/1", "/public/%00", "public/x", "/public/%2e%2e/orders", "/public;x/a"
        }) {
      assertThat(forwardAuth(null, "GET", "h", uri).status()).as(uri).isEqualTo(401);
      assertThat(forwardAuth(reader, "GET", "h", uri).status()).as(uri).isEqualTo(200);
    }
  }

  @Test
  void authRequest_readsNginxsHeaders_andTheHostHeaderWhenNoForwardedHost() {
    Reply denied =
        h.get(
            ForwardAuth.AUTH_REQUEST,
            headers(reader, "X-Original-Method", "POST", "X-Original-URI", "/orders/1"));
    Reply allowed =
        h.get(
            ForwardAuth.AUTH_REQUEST,
            headers(reader, "X-Original-Method", "GET", "X-Original-URI", "/orders/1"));
    Reply anonymous =
        h.get(ForwardAuth.AUTH_REQUEST, "X-Original-Method", "GET", "X-Original-URI", "/public/");

    assertThat(denied.status()).isEqualTo(403);
    assertThat(allowed.status()).isEqualTo(200);
    assertThat(allowed.header(ForwardAuth.TOKEN_NAME)).isEqualTo("reader");
    assertThat(anonymous.status()).isEqualTo(200);
  }

  @Test
  void extAuthz_readsThisRequestsMethodAndThePathAfterThePrefix_inAnyMethod() {
    assertThat(
            h.send("POST", "/api/authz/ext-authz/orders/1", null, Harness.bearer(reader)).status())
        .isEqualTo(403);
    assertThat(
            h.send("POST", "/api/authz/ext-authz/orders/1", null, Harness.bearer(writer)).status())
        .isEqualTo(200);
    assertThat(h.send("DELETE", "/api/authz/ext-authz/public/a", null).status()).isEqualTo(200);
    assertThat(h.send("PUT", "/api/authz/ext-authz/", null).status()).isEqualTo(401);
  }

  @Test
  void extAuthz_ignoresRequireParameters_whichBelongToTheClientsQuery() {
    Reply reply =
        h.send(
            "POST",
            "/api/authz/ext-authz/orders/1?require=db:orders:read",
            null,
            Harness.bearer(reader));

    assertThat(reply.status()).isEqualTo(403);
  }

  @Test
  void aRevokedToken_is401_onTheVeryNextRequest() {
    assertThat(forwardAuth(reader, "GET", "h", "/orders/1").status()).isEqualTo(200);
    assertThat(
            h.delete("/api/v3/configure/token?token_name=reader", Harness.bearer(admin)).status())
        .isEqualTo(200);

    assertThat(forwardAuth(reader, "GET", "h", "/orders/1").status()).isEqualTo(401);
  }

  @Test
  void bodiesOverTheLimitAndCrossOriginPreflights_doNotChangeTheAnswer() throws Exception {
    String big = "x".repeat((int) PipelineFilter.MAX_BODY_BYTES + 10);
    // the answer does not wait for the body, which the client sends only if asked (it is not)
    assertThat(
            h.postExpectingContinue(ForwardAuth.FORWARD_AUTH, big, Harness.bearer(reader)).status())
        .isEqualTo(200);
    try (Harness cors = Harness.start(config -> config.corsAllowOrigin("*"))) {
      Reply preflight =
          cors.send(
              "OPTIONS",
              ForwardAuth.FORWARD_AUTH,
              null,
              "Origin",
              "https://evil.example",
              "Access-Control-Request-Method",
              "GET");
      assertThat(preflight.status()).isEqualTo(401);
    }
  }

  @Test
  void aRulesFileIsOptional_thenAnyValidTokenPasses() {
    try (Harness plain = Harness.start()) {
      String token = plain.createOperator();
      assertThat(plain.get(ForwardAuth.FORWARD_AUTH, Harness.bearer(token)).status())
          .isEqualTo(200);
      assertThat(plain.get(ForwardAuth.FORWARD_AUTH).status()).isEqualTo(401);
    }
  }

  static Path write(Path dir, String name, String text) {
    try {
      return Files.writeString(dir.resolve(name), text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
