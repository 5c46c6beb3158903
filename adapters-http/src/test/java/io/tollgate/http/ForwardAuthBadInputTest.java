package io.tollgate.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Any Authorization header and any original-request header, malformed or not, gets 200, 401 or 403
 * from every forward-authentication endpoint: never 400, 404, 405, 413, 431 or 5xx, and never an
 * allow that the rules do not give (a malformed URI matches only the catch-all, which here needs an
 * admin token, so a resource token must never pass with one).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ForwardAuthBadInputTest {
  static final String RULES =
      """
      [{"path": "/open/**", "anonymous": true},
       {"path": "/orders/**", "require": ["db:orders:read"]},
       {"path": "/**", "require": ["*:*:*"]}]
      """;
  static final String LONG = "/open/" + "a".repeat(10 * 1024);

  /**
   * The original paths that can be a request target at all: Jetty refuses a request line with a raw
   * non-ASCII byte, a backslash, {@code %00} or a broken escape with 400 before any handler runs
   * (Envoy forwards only paths it could parse and normalise itself).
   */
  static final List<String> PARSEABLE_REQUEST_TARGETS =
      List.of(
          "/orders/1",
          "/open/a",
          "/open/../orders/1",
          "/open/..%2forders",
          "/open/%2e%2e/admin",
          "//open/a",
          "/open;x=1/a");

  private Harness h;
  private String reader;

  @BeforeAll
  void start(@TempDir Path dir) throws IOException {
    Path rules = Files.writeString(dir.resolve("rules.json"), RULES);
    // hundreds of wrong tokens from one address: throttling (tested in AuthFailureThrottleTest) off
    h = Harness.start(config -> config.authzRules(rules).authFailureLimit("0"));
    String admin = h.createOperator();
    reader =
        h.post(
                "/api/v3/enterprise/configure/token",
                "{\"token_name\":\"reader\",\"permissions\":[{\"resource_type\":\"db\","
                    + "\"resource_names\":[\"orders\"],\"actions\":[\"read\"]}]}",
                Harness.bearerJson(admin))
            .field("token");
  }

  @AfterAll
  void stop() {
    h.close();
  }

  static List<String> authorizations() {
    return List.of(
        "",
        "Authorization: \r\n",
        "Authorization: Bearer\r\n",
        "Authorization: Bearer \r\n",
        "Authorization: Bearer a b\r\n",
        "Authorization: Basic %%%\r\n",
        "Authorization: Basic " + "QQ==".repeat(2000) + "\r\n",
        "Authorization: Negotiate xyz\r\n",
        "Authorization: Bearer x\r\nAuthorization: Bearer y\r\n",
        "Authorization: Bearer " + "x".repeat(10 * 1024) + "\r\n",
        "Authorization: Bearer \u00e9\u00e8\r\n",
        "Authorization: Token apiv3_\r\n",
        "READER");
  }

  static List<String> originalUris() {
    return List.of(
        "",
        "/orders/1",
        "/open/a",
        "/open/../orders/1",
        "/open/..%2forders",
        "/open/%2e%2e/admin",
        "/open/%00",
        "/open/a%",
        "not a uri",
        "http://evil.example/open/a",
        "//open/a",
        "/open;x=1/a",
        "/open/\u00e9",
        "/open\\..\\admin",
        LONG);
  }

  static Stream<Arguments> inputs() {
    List<Arguments> all = new ArrayList<>();
    for (String authorization : authorizations()) {
      for (String uri : originalUris()) {
        all.add(Arguments.of(authorization, uri));
      }
    }
    return all.stream();
  }

  @ParameterizedTest
  @MethodSource("inputs")
  void everyEndpoint_answers200or401or403_andNeverAWrongAllow(String authorization, String uri) {
    String credentials =
        authorization.equals("READER") ? "Authorization: Bearer " + reader + "\r\n" : authorization;
    String line = uri.isEmpty() ? "" : uri;
    List<String> requests = new ArrayList<>();
    requests.add(
        "GET /api/authz/forward-auth HTTP/1.1\r\nHost: h\r\n"
            + (uri.isEmpty() ? "X-Forwarded-Uri:\r\n" : "X-Forwarded-Uri: " + line + "\r\n")
            + "X-Forwarded-Method: GET\r\nX-Forwarded-Host: "
            + (uri.length() > 100 ? "h".repeat(10 * 1024) : "shop")
            + "\r\n");
    requests.add(
        "POST /api/authz/auth-request HTTP/1.1\r\nHost: h\r\n"
            + (uri.isEmpty() ? "" : "X-Original-URI: " + line + "\r\n")
            + "X-Original-Method: \r\nContent-Length: 5\r\n");
    if (PARSEABLE_REQUEST_TARGETS.contains(uri)) {
      requests.add("DELETE /api/authz/ext-authz" + uri + " HTTP/1.1\r\nHost: h\r\n");
    }
    for (String head : requests) {
      byte[] request =
          (head
                  + credentials
                  + "Connection: close\r\n\r\n"
                  + (head.startsWith("POST") ? "abcde" : ""))
              .getBytes(StandardCharsets.UTF_8);
      RawHttp.RawReply reply = RawHttp.send(h.server.port(), request);
      assertThat(reply.status()).as(head).isIn(200, 401, 403);
      if (reply.status() == 401) {
        assertThat(reply.head()).contains("WWW-Authenticate: Bearer realm=\"tollgate\"");
      }
      boolean legitimatelyOpen =
          uri.equals("/open/a")
              || uri.equals("/open/\u00e9")
              || uri.equals("//open/a")
              || uri.equals(LONG) && !head.contains("X-Forwarded-Host: hhhh")
              || authorization.equals("READER") && uri.equals("/orders/1");
      if (!legitimatelyOpen) {
        assertThat(reply.status()).as("a wrong allow for " + head).isNotEqualTo(200);
      }
    }
  }
}
