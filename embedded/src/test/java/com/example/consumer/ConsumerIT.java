package com.example.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import io.tollgate.core.domain.IssuedToken;
import io.tollgate.core.domain.TokenSecret;
import io.tollgate.embedded.Tollgate;
import io.tollgate.http.TollgateJavalin;
import io.tollgate.http.TollgatePrincipal;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Another team's service, using only Tollgate's public API: its own Javalin app with a protected
 * route, on a real port and a real data directory.
 */
class ConsumerIT {

  private static final String NOT_AUTHENTICATED =
      "{\"error\": \"the request was not authenticated\"}";

  @TempDir Path dataDir;
  private Tollgate tollgate;
  private Javalin app;
  private final HttpClient client = HttpClient.newHttpClient();

  @BeforeEach
  void startService() {
    tollgate = Tollgate.open(dataDir);
    app =
        Javalin.create(
                config -> {
                  config.startup.showJavalinBanner = false;
                  config.registerPlugin(
                      new TollgateJavalin(tollgate, options -> options.protect("/reports")));
                  config.routes.get("/status", ctx -> ctx.result("up"));
                  config.routes.get(
                      "/reports/daily",
                      ctx -> {
                        TollgatePrincipal who = TollgateJavalin.principal(ctx);
                        ctx.result("report for " + who.name() + " #" + who.id());
                      });
                })
            .start("127.0.0.1", 0);
  }

  @AfterEach
  void stopService() {
    app.stop();
    tollgate.close();
  }

  private HttpResponse<String> get(String path, String... headers) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path));
    if (headers.length > 0) {
      request.headers(headers);
    }
    try {
      return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new AssertionError("request to " + path + " failed", e);
    }
  }

  @Test
  void protectedRoute_answersOnlyACurrentTollgateToken() throws Exception {
    IssuedToken admin = tollgate.createOperatorToken();
    String old = admin.secret().value();

    HttpResponse<String> anonymous = get("/reports/daily");
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.body()).isEqualTo(NOT_AUTHENTICATED);
    assertThat(get("/status").statusCode()).isEqualTo(200);

    HttpResponse<String> authorised = get("/reports/daily", "Authorization", "Bearer " + old);
    assertThat(authorised.statusCode()).isEqualTo(200);
    assertThat(authorised.body()).isEqualTo("report for _admin #0");

    IssuedToken regenerated = tollgate.regenerateOperatorToken(new TokenSecret(old));
    assertThat(regenerated.token().id()).isEqualTo(admin.token().id());

    HttpResponse<String> stale = get("/reports/daily", "Authorization", "Bearer " + old);
    assertThat(stale.statusCode()).isEqualTo(401);
    assertThat(stale.body()).isEqualTo(NOT_AUTHENTICATED);
    HttpResponse<String> fresh =
        get("/reports/daily", "Authorization", "Bearer " + regenerated.secret().value());
    assertThat(fresh.statusCode()).isEqualTo(200);
  }

  @Test
  void tokens_surviveARestartOfTheService() throws Exception {
    String secret = tollgate.createOperatorToken().secret().value();
    stopService();
    startService();

    assertThat(get("/reports/daily", "Authorization", "Token " + secret).statusCode())
        .isEqualTo(200);
  }
}
