package io.tollgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.app.TollgateProcess.Server;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve --auth-failure-limit} reaches the packaged server's throttle (SPEC section 10). */
class AuthFailureLimitIT {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir Path temp;

  private static HttpResponse<String> listTokens(String base, String token) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(base + "/api/v3/configure/token"))
            .header("Authorization", "Bearer " + token)
            .GET()
            .build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void moreFailuresThanTheLimit_get429WithRetryAfter_evenForTheRightToken() throws Exception {
    try (Server server = Server.start(temp.resolve("data"), "--auth-failure-limit", "2/1h")) {
      HttpResponse<String> created =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(server.url + "/api/v3/configure/token/admin"))
                  .POST(HttpRequest.BodyPublishers.noBody())
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      String admin =
          new com.fasterxml.jackson.databind.ObjectMapper()
              .readTree(created.body())
              .get("token")
              .asText();
      for (int i = 0; i < 3; i++) {
        assertThat(listTokens(server.url, "apiv3_wrong").statusCode()).isEqualTo(401);
      }

      HttpResponse<String> throttled = listTokens(server.url, admin);

      assertThat(throttled.statusCode()).isEqualTo(429);
      assertThat(throttled.body())
          .isEqualTo("{\"error\": \"too many failed authentication attempts\"}");
      assertThat(throttled.headers().firstValue("Retry-After").map(Long::parseLong))
          .hasValueSatisfying(seconds -> assertThat(seconds).isBetween(3500L, 3600L));
      assertThat(server.log()).doesNotContain("apiv3_wrong").doesNotContain(admin);
    }
  }
}
