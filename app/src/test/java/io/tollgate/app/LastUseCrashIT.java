package io.tollgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Last use of the packaged jar (SPEC section 10): after SIGKILL, the restarted server lists each
 * token's last use at most one {@code --last-used-interval} old; after SIGTERM, the shutdown wrote
 * it even when the interval had not come round.
 */
class LastUseCrashIT {

  private static final Duration INTERVAL = Duration.ofSeconds(1);
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dataDir;

  private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String createOperator(String url) throws Exception {
    HttpResponse<String> created =
        send(
            HttpRequest.newBuilder(URI.create(url + "/api/v3/configure/token/admin"))
                .POST(HttpRequest.BodyPublishers.noBody()));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return JSON.readTree(created.body()).get("token").asText();
  }

  private static String createNamed(String url, String admin, String name) throws Exception {
    HttpResponse<String> created =
        send(
            HttpRequest.newBuilder(URI.create(url + "/api/v3/configure/token/named_admin"))
                .header("Authorization", "Bearer " + admin)
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"token_name\":\"" + name + "\",\"expiry_secs\":3600}")));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return JSON.readTree(created.body()).get("token").asText();
  }

  private static JsonNode list(String url, String token) throws Exception {
    HttpResponse<String> listed =
        send(
            HttpRequest.newBuilder(URI.create(url + "/api/v3/configure/token"))
                .header("Authorization", "Bearer " + token));
    assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
    return JSON.readTree(listed.body());
  }

  private static JsonNode row(JsonNode rows, String name) {
    for (JsonNode row : rows) {
      if (row.get("name").asText().equals(name)) {
        return row;
      }
    }
    throw new AssertionError("no token " + name + " in " + rows);
  }

  @Test
  void afterSigkill_theLastUseIsAtMostOneIntervalOld() throws Exception {
    String admin;
    String ci;
    Instant before;
    Instant after;
    try (TollgateProcess.Server server =
        TollgateProcess.Server.start(dataDir, "--last-used-interval", "1s")) {
      admin = createOperator(server.url);
      ci = createNamed(server.url, admin, "ci");
      before = Instant.now();
      list(server.url, ci);
      after = Instant.now();
      // more than one interval: the schedule has written the use since
      Thread.sleep(INTERVAL.multipliedBy(3).toMillis());
      server.process.destroyForcibly(); // SIGKILL: no shutdown hook, no final write
      assertThat(server.process.waitFor(20, TimeUnit.SECONDS)).isTrue();
    }

    try (TollgateProcess.Server restarted = TollgateProcess.Server.start(dataDir)) {
      JsonNode used = row(list(restarted.url, admin), "ci").get("last_used_at");
      assertThat(used).as("ci's last use survived the crash").isNotNull();
      Instant lastUse = Instant.parse(used.asText());
      assertThat(lastUse).isBetween(before.minus(INTERVAL), after.plusMillis(1));
    }
  }

  @Test
  void afterSigterm_theShutdownWroteTheLastUse_beforeTheIntervalCameRound() throws Exception {
    String admin;
    Instant before;
    try (TollgateProcess.Server server = TollgateProcess.Server.start(dataDir)) {
      admin = createOperator(server.url);
      String ci = createNamed(server.url, admin, "ci");
      before = Instant.now();
      list(server.url, ci);
      assertThat(server.stop()).isZero(); // SIGTERM, well within the default 60 s
    }

    try (TollgateProcess.Server restarted = TollgateProcess.Server.start(dataDir)) {
      JsonNode rows = list(restarted.url, admin);
      assertThat(Instant.parse(row(rows, "ci").get("last_used_at").asText()))
          .isAfterOrEqualTo(before.minus(INTERVAL));
    }
  }

  @Test
  void withTrackingOff_nothingIsRecorded() throws Exception {
    String admin;
    try (TollgateProcess.Server server =
        TollgateProcess.Server.start(dataDir, "--last-used-interval", "off")) {
      admin = createOperator(server.url);
      String ci = createNamed(server.url, admin, "ci");
      list(server.url, ci);
      assertThat(server.stop()).isZero();
    }

    try (TollgateProcess.Server restarted =
        TollgateProcess.Server.start(dataDir, "--last-used-interval", "off")) {
      JsonNode rows = list(restarted.url, admin);
      assertThat(row(rows, "ci").has("last_used_at")).isFalse();
      assertThat(row(rows, "_admin").has("last_used_at")).isFalse();
    }
  }
}
