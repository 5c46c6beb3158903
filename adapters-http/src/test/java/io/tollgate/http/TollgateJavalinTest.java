package io.tollgate.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.tollgate.core.crypto.SecureRandomSecretGenerator;
import io.tollgate.core.crypto.Sha512TokenHasher;
import io.tollgate.core.domain.Actor;
import io.tollgate.core.domain.Lifetime;
import io.tollgate.core.domain.TokenName;
import io.tollgate.core.memory.InMemoryTokenStore;
import io.tollgate.core.port.in.CreateNamedAdminTokenUseCase.CreateNamedAdminTokenCommand;
import io.tollgate.core.port.in.TokenAuthority;
import io.tollgate.core.service.TokenService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Javalin plugin in a host app of the test's own: SPEC section 3's rules on the host's routes.
 */
class TollgateJavalinTest {

  private static final String MALFORMED =
      "{\"error\": \"Authorization header was malformed, the request was not in the form of"
          + " 'Authorization: <auth-scheme> <token>', supported auth-schemes are Bearer, Token and"
          + " Basic\"}";
  private static final String UNAUTHENTICATED =
      "{\"error\": \"the request was not authenticated\"}";

  private final TokenAuthority authority =
      new TokenService(
          new InMemoryTokenStore(),
          new Sha512TokenHasher(),
          new SecureRandomSecretGenerator(),
          Clock.systemUTC());
  private final HttpClient client = HttpClient.newHttpClient();
  private Javalin app;

  @AfterEach
  void stop() {
    if (app != null) {
      app.stop();
    }
  }

  private void start(Consumer<TollgateJavalin.Options> options, Consumer<JavalinConfig> routes) {
    app =
        Javalin.create(
                config -> {
                  config.startup.showJavalinBanner = false;
                  config.registerPlugin(new TollgateJavalin(authority, options));
                  routes.accept(config);
                })
            .start("127.0.0.1", 0);
  }

  private void startHostApp(Consumer<TollgateJavalin.Options> options) {
    start(
        options,
        config -> {
          config.router.caseInsensitiveRoutes = true;
          config.router.treatMultipleSlashesAsSingleSlash = true;
          config.routes.get(
              "/admin/whoami",
              ctx -> {
                TollgatePrincipal who = TollgateJavalin.principal(ctx);
                ctx.result(who.id() + " " + who.name() + " " + who.isOperator());
              });
          config.routes.get(
              "/public",
              ctx -> ctx.result("open " + TollgateJavalin.findPrincipal(ctx).isPresent()));
          config.routes.get("/administrator", ctx -> ctx.result("not under /admin"));
          config.routes.get("/public/principal", ctx -> TollgateJavalin.principal(ctx));
          config.routes.get(
              "/admin/boom",
              ctx -> {
                throw new IllegalStateException("host failure");
              });
          config.routes.exception(
              IllegalStateException.class, (e, ctx) -> ctx.status(418).result("host handler"));
        });
  }

  private HttpResponse<String> send(String method, String path, String... headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
            .method(method, HttpRequest.BodyPublishers.noBody());
    if (headers.length > 0) {
      request.headers(headers);
    }
    try {
      return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private String operatorSecret() {
    return authority.createOperatorToken().secret().value();
  }

  @Test
  void everyPathIsProtected_whenNoPrefixIsGiven() {
    start(o -> {}, config -> config.routes.get("/anything", ctx -> ctx.result("ok")));
    String token = operatorSecret();

    HttpResponse<String> without = send("GET", "/anything");
    assertThat(without.statusCode()).isEqualTo(401);
    assertThat(without.body()).isEqualTo(UNAUTHENTICATED);
    assertThat(without.headers().firstValue("Content-Type")).hasValue("application/json");

    HttpResponse<String> with = send("GET", "/anything", "Authorization", "Bearer " + token);
    assertThat(with.statusCode()).isEqualTo(200);
    assertThat(with.body()).isEqualTo("ok");
  }

  @Test
  void handlers_seeTheTokensIdAndName_neverItsSecret() {
    startHostApp(o -> o.protect("/admin"));
    String operator = operatorSecret();
    String named =
        authority
            .createNamedAdminToken(
                new CreateNamedAdminTokenCommand(
                    TokenName.named("ci"), Lifetime.FOREVER, null, Actor.BOOTSTRAP))
            .secret()
            .value();

    assertThat(send("GET", "/admin/whoami", "Authorization", "Bearer " + operator).body())
        .isEqualTo("0 _admin true");
    assertThat(send("GET", "/admin/whoami", "Authorization", "Token " + named).body())
        .isEqualTo("1 ci false");
    assertThat(new TollgatePrincipal(1, "ci").toString()).doesNotContain(named);
  }

  @Test
  void everyScheme_ofSpecSection3_isAccepted() {
    startHostApp(o -> o.protect("/admin"));
    String token = operatorSecret();
    String basic =
        Base64.getEncoder().encodeToString(("user:" + token).getBytes(StandardCharsets.UTF_8));

    for (String header :
        new String[] {
          "Bearer " + token, "Token " + token, "Basic " + basic, "bearer " + token, "TOKEN " + token
        }) {
      assertThat(send("GET", "/admin/whoami", "Authorization", header).statusCode())
          .as(header.substring(0, header.indexOf(' ')))
          .isEqualTo(200);
    }
  }

  @Test
  void malformedHeaders_get400_withInfluxDbsExactBody() {
    startHostApp(o -> o.protect("/admin"));
    String token = operatorSecret();
    String colonInUser =
        Base64.getEncoder().encodeToString(("a:b:" + token).getBytes(StandardCharsets.UTF_8));

    for (String header :
        new String[] {"Bearer " + token + " extra", token, "Basic !!!", "Basic " + colonInUser}) {
      HttpResponse<String> reply = send("GET", "/admin/whoami", "Authorization", header);
      assertThat(reply.statusCode()).as(header.replace(token, "T")).isEqualTo(400);
      assertThat(reply.body()).isEqualTo(MALFORMED);
    }
  }

  @Test
  void tokenApi_sendsNoCorsHeaders_byDefault_andRefusesACrossSiteBootstrap() {
    start(o -> o.mountTokenApi(), config -> {});

    HttpResponse<String> evil =
        send("POST", "/api/v3/configure/token/admin", "Origin", "https://evil.example");
    HttpResponse<String> preflight =
        send(
            "OPTIONS",
            "/api/v3/configure/token/admin",
            "Origin",
            "https://evil.example",
            "Access-Control-Request-Method",
            "POST");
    HttpResponse<String> created = send("POST", "/api/v3/configure/token/admin");

    assertThat(evil.statusCode()).isEqualTo(403);
    assertThat(preflight.statusCode()).isNotEqualTo(204);
    assertThat(created.statusCode()).isEqualTo(201);
    for (HttpResponse<String> reply : List.of(evil, preflight, created)) {
      assertThat(reply.headers().map().keySet())
          .noneMatch(name -> name.toLowerCase(Locale.ROOT).startsWith("access-control-"));
    }
  }

  @Test
  void tokenApi_allowsTheOriginsConfigured() {
    start(o -> o.mountTokenApi().corsAllowOrigin("https://console.example.com"), config -> {});

    HttpResponse<String> preflight =
        send(
            "OPTIONS",
            "/api/v3/configure/token/admin",
            "Origin",
            "https://console.example.com",
            "Access-Control-Request-Method",
            "POST");
    HttpResponse<String> created =
        send("POST", "/api/v3/configure/token/admin", "Origin", "https://console.example.com");

    assertThat(preflight.statusCode()).isEqualTo(204);
    assertThat(preflight.headers().firstValue("access-control-allow-origin"))
        .hasValue("https://console.example.com");
    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(created.headers().firstValue("access-control-allow-origin"))
        .hasValue("https://console.example.com");
  }

  @Test
  void unknownOrMissingTokens_get401_andTheHandlerDoesNotRun() {
    startHostApp(o -> o.protect("/admin"));
    operatorSecret();

    for (String[] headers :
        new String[][] {{}, {"Authorization", "Bearer apiv3_unknown"}, {"X-Other", "1"}}) {
      HttpResponse<String> reply = send("GET", "/admin/boom", headers);
      assertThat(reply.statusCode()).isEqualTo(401);
      assertThat(reply.body()).isEqualTo(UNAUTHENTICATED);
      assertThat(reply.headers().firstValue("www-authenticate"))
          .hasValue("Bearer realm=\"tollgate\"");
    }
  }

  @Test
  void prefixes_protectOnlyTheirPaths_underEverySpelling() {
    startHostApp(o -> o.protect("/admin"));
    operatorSecret();

    assertThat(send("GET", "/public").body()).isEqualTo("open false");
    assertThat(send("GET", "/administrator").statusCode()).isEqualTo(200);
    for (String spelling :
        new String[] {
          "/admin/whoami", "//admin/whoami", "/ADMIN/whoami", "/%61dmin/whoami", "/admin//whoami"
        }) {
      HttpResponse<String> reply = send("GET", spelling);
      assertThat(reply.statusCode()).as(spelling).isEqualTo(401);
      assertThat(reply.body()).as(spelling).isEqualTo(UNAUTHENTICATED);
    }
  }

  @Test
  void principal_onAnUnprotectedPath_is401_notAnError() {
    startHostApp(o -> o.protect("/admin"));
    HttpResponse<String> reply = send("GET", "/public/principal");
    assertThat(reply.statusCode()).isEqualTo(401);
    assertThat(reply.body()).isEqualTo(UNAUTHENTICATED);
  }

  @Test
  void hostErrorHandlers_stayTheHosts() {
    startHostApp(o -> o.protect("/admin").mountTokenApi());
    String token = operatorSecret();
    HttpResponse<String> reply = send("GET", "/admin/boom", "Authorization", "Bearer " + token);
    assertThat(reply.statusCode()).isEqualTo(418);
    assertThat(reply.body()).isEqualTo("host handler");
  }

  @Test
  void mountedTokenApi_followsTheServersPipeline() {
    startHostApp(o -> o.protect("/admin").mountTokenApi());

    HttpResponse<String> created = send("POST", "/api/v3/configure/token/admin");
    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(created.body()).startsWith("{\"id\":0,\"name\":\"_admin\",\"token\":\"apiv3_");
    assertThat(created.headers().firstValue("cluster-uuid"))
        .hasValue(authority.clusterId().toString());

    HttpResponse<String> again = send("POST", "/api/v3/configure/token/admin");
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(again.body()).isEqualTo("token name already exists, _admin");

    HttpResponse<String> list = send("GET", "/api/v3/configure/token");
    assertThat(list.statusCode()).isEqualTo(401);
    assertThat(list.body()).isEqualTo(UNAUTHENTICATED);

    HttpResponse<String> regenerate =
        send("POST", "/api/v3/configure/token/admin/regenerate", "Authorization", "Bearer nope");
    assertThat(regenerate.statusCode()).isEqualTo(401);
  }

  @Test
  void tokenApi_isNotServed_unlessMounted() {
    startHostApp(o -> o.protect("/admin"));
    assertThat(send("POST", "/api/v3/configure/token/admin").statusCode()).isEqualTo(404);
    assertThat(authority.listTokens()).isEmpty();
  }

  @Test
  void aClientAddressWithTooManyFailures_gets429BeforeItsTokenIsChecked_othersAreServed() {
    start(
        o -> o.authFailureLimit("2/1m"),
        config -> config.routes.get("/anything", ctx -> ctx.result("ok")));
    String token = operatorSecret();
    String[] fromA = {"X-Forwarded-For", "198.51.100.7"};
    for (int i = 0; i < 3; i++) {
      assertThat(
              send("GET", "/anything", fromA[0], fromA[1], "Authorization", "Bearer nope")
                  .statusCode())
          .isEqualTo(401);
    }

    HttpResponse<String> throttled =
        send("GET", "/anything", fromA[0], fromA[1], "Authorization", "Bearer " + token);
    HttpResponse<String> other =
        send(
            "GET",
            "/anything",
            "X-Forwarded-For",
            "203.0.113.9",
            "Authorization",
            "Bearer " + token);

    assertThat(throttled.statusCode()).isEqualTo(429);
    assertThat(throttled.body())
        .isEqualTo("{\"error\": \"too many failed authentication attempts\"}");
    assertThat(throttled.headers().firstValue("Retry-After")).hasValue("60");
    assertThat(other.statusCode()).isEqualTo(200);
  }

  @Test
  void optionsRequests_areNotAuthenticated() {
    start(o -> {}, config -> config.routes.options("/x", ctx -> ctx.status(204)));
    assertThat(send("OPTIONS", "/x").statusCode()).isEqualTo(204);
  }
}
