package io.tollgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC section 9 through real gateways: nginx ({@code auth_request} → {@code
 * /api/authz/auth-request}) and Caddy ({@code forward_auth} → {@code /api/authz/forward-auth}), run
 * from the README's configuration files, in front of a small upstream that echoes the headers it
 * got, with the packaged Tollgate as the auth service and the rules of {@code authz-rules.json}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GatewaysIT {
  private Path dir;
  private TollgateProcess.Server tollgate;
  private HttpServer upstream;
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private String admin;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    this.dir = dir;
    upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    upstream.createContext(
        "/",
        exchange -> {
          Map<String, String> sorted = new TreeMap<>();
          exchange
              .getRequestHeaders()
              .forEach((k, v) -> sorted.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
          StringBuilder body = new StringBuilder("upstream saw " + exchange.getRequestURI() + "\n");
          sorted.forEach((k, v) -> body.append(k).append(": ").append(v).append('\n'));
          byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, bytes.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
          }
        });
    upstream.start();
    Path rules = Gateway.CONFIGS.resolve("authz-rules.json").toAbsolutePath();
    tollgate = TollgateProcess.Server.start(dir.resolve("data"), "--authz-rules", rules.toString());
    admin = jsonField(send(tollgate.url, "POST", "/api/v3/configure/token/admin", null), "token");
  }

  @AfterAll
  void stop() throws InterruptedException {
    if (tollgate != null) {
      tollgate.close();
    }
    if (upstream != null) {
      upstream.stop(0);
    }
  }

  @Test
  void nginx_authRequest_enforcesTollgatesDecisions() throws Exception {
    try (Gateway nginx =
        Gateway.nginx(Files.createDirectories(dir.resolve("nginx")), port(), upstreamPort())) {
      checkThrough(nginx, "nginx-reader");
    }
  }

  @Test
  void caddy_forwardAuth_enforcesTollgatesDecisions() throws Exception {
    try (Gateway caddy =
        Gateway.caddy(Files.createDirectories(dir.resolve("caddy")), port(), upstreamPort())) {
      checkThrough(caddy, "caddy-reader");
    }
  }

  @Test
  void aBadRulesFile_stopsServe_withOneLineNamingTheRule() throws Exception {
    Path rules =
        Files.writeString(
            dir.resolve("bad-rules.json"),
            "[{\"path\": \"/a/**\", \"require\": []},"
                + " {\"path\": \"/b\", \"require\": [\"db:b\"]}]");

    TollgateProcess.Result result =
        TollgateProcess.run(
            Map.of(),
            "serve",
            "--data-dir",
            dir.resolve("bad").toString(),
            "--http-bind",
            "127.0.0.1:0",
            "--authz-rules",
            rules.toString());

    assertThat(result.exitCode()).as(result.stderr()).isEqualTo(1);
    assertThat(result.stderr().lines()).as(result.stderr()).hasSize(1);
    assertThat(result.stderr())
        .startsWith("error: ")
        .contains("invalid --authz-rules " + rules + ": rule 1: invalid permission \"db:b\"");
  }

  @Test
  void aBadTrustedProxiesValue_stopsServe_withOneLine() throws Exception {
    TollgateProcess.Result result =
        TollgateProcess.run(
            Map.of(),
            "serve",
            "--data-dir",
            dir.resolve("bad-proxies").toString(),
            "--http-bind",
            "127.0.0.1:0",
            "--trusted-proxies",
            "10.0.0.0/99");

    assertThat(result.exitCode()).as(result.stderr()).isEqualTo(1);
    assertThat(result.stderr().lines()).as(result.stderr()).hasSize(1);
    assertThat(result.stderr()).contains("invalid value '10.0.0.0/99' for --trusted-proxies");
  }

  private void checkThrough(Gateway gateway, String tokenName) throws Exception {
    String base = "http://127.0.0.1:" + gateway.port;
    String reader = resourceToken(tokenName);

    HttpResponse<String> none = send(base, "GET", "/orders/1", null);
    assertThat(none.statusCode()).as(gateway.log()).isEqualTo(401);
    assertThat(none.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"tollgate\"");

    HttpResponse<String> allowed = send(base, "GET", "/orders/1?page=2", reader);
    assertThat(allowed.statusCode()).as(gateway.log()).isEqualTo(200);
    assertThat(allowed.body())
        .startsWith("upstream saw /orders/1?page=2")
        .contains("x-tollgate-token-name: " + tokenName + "\n")
        .containsPattern("x-tollgate-token-id: [0-9]+\n");

    assertThat(send(base, "GET", "/admin/users", reader).statusCode()).isEqualTo(403);
    assertThat(send(base, "GET", "/admin/users?require=db:orders:read", reader).statusCode())
        .as("a client's require= never reaches Tollgate")
        .isEqualTo(403);

    HttpResponse<String> anonymous =
        send(base, "GET", "/public/logo.png", null, "X-Tollgate-Token-Name", "spoofed");
    assertThat(anonymous.statusCode()).isEqualTo(200);
    assertThat(anonymous.body())
        .startsWith("upstream saw /public/logo.png")
        .doesNotContain("spoofed");

    HttpResponse<String> revoke =
        send(tollgate.url, "DELETE", "/api/v3/configure/token?token_name=" + tokenName, admin);
    assertThat(revoke.statusCode()).isEqualTo(200);
    assertThat(send(base, "GET", "/orders/1", reader).statusCode())
        .as("a revoked token, on the very next request")
        .isEqualTo(401);
  }

  private String resourceToken(String name) throws Exception {
    HttpResponse<String> created =
        send(
            tollgate.url,
            "POST",
            "/api/v3/enterprise/configure/token",
            admin,
            "Content-Type",
            "application/json",
            "BODY",
            "{\"token_name\":\""
                + name
                + "\",\"permissions\":[{\"resource_type\":\"db\",\"resource_names\":[\"orders\"],"
                + "\"actions\":[\"read\"]}]}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return jsonField(created, "token");
  }

  private int port() {
    return URI.create(tollgate.url).getPort();
  }

  private int upstreamPort() {
    return upstream.getAddress().getPort();
  }

  /** Headers as name/value pairs; a {@code BODY} pair gives the body. */
  private HttpResponse<String> send(
      String base, String method, String path, String token, String... headers)
      throws IOException, InterruptedException {
    String body = null;
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10));
    for (int i = 0; i < headers.length; i += 2) {
      if (headers[i].equals("BODY")) {
        body = headers[i + 1];
      } else {
        request.header(headers[i], headers[i + 1]);
      }
    }
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    request.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String jsonField(HttpResponse<String> response, String field) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper()
          .readTree(response.body())
          .get(field)
          .asText();
    } catch (IOException e) {
      throw new IllegalStateException("not JSON: " + response.body(), e);
    }
  }

  static List<String> configFiles() {
    return List.of("nginx-tollgate.conf", "Caddyfile");
  }
}
