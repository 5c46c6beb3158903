package io.tollgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve --log-format json --access-log} of the packaged jar: every stderr line is one JSON
 * object, the access lines carry the request's fields, and no line holds an issued token (not even
 * one sent in the query). The text format writes the same fields as {@code key=value}.
 */
class LogFormatIT {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dataDir;

  private static HttpResponse<String> send(String method, String url, String... headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url)).method(method, HttpRequest.BodyPublishers.noBody());
    if (headers.length > 0) {
      request.headers(headers);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Creates the operator token and uses it the ways a client might, query string included. */
  private static String exercise(String url) throws Exception {
    HttpResponse<String> created = send("POST", url + "/api/v3/configure/token/admin");
    assertThat(created.statusCode()).isEqualTo(201);
    String token = JSON.readTree(created.body()).get("token").asText();
    HttpResponse<String> listed =
        send(
            "GET",
            url + "/api/v3/configure/token",
            "Authorization",
            "Bearer " + token,
            "X-Request-Id",
            "trace-7");
    assertThat(listed.statusCode()).isEqualTo(200);
    assertThat(send("GET", url + "/health?token=" + token).statusCode()).isEqualTo(401);
    return token;
  }

  @Test
  void jsonFormat_everyLineIsAnObject_accessLinesCarryTheFields_andNoTokenIsLogged()
      throws Exception {
    String token;
    String log;
    try (TollgateProcess.Server server =
        TollgateProcess.Server.start(
            dataDir, "--log-format", "json", "--access-log", "--log-level", "debug")) {
      token = exercise(server.url);
      Thread.sleep(300);
      assertThat(server.stop()).isZero();
      log = server.log();
    }
    List<JsonNode> lines = new ArrayList<>();
    for (String line : log.split("\n")) {
      JsonNode node = JSON.readTree(line);
      assertThat(node.isObject()).as(line).isTrue();
      assertThat(node.has("timestamp") && node.has("level") && node.has("loggerName"))
          .as(line)
          .isTrue();
      lines.add(node);
    }
    assertThat(lines)
        .anyMatch(
            node -> node.path("formattedMessage").asText().startsWith("Tollgate listening on"));
    List<Map<String, String>> access =
        lines.stream()
            .filter(node -> node.path("loggerName").asText().equals("io.tollgate.http.access"))
            .map(LogFormatIT::keyValues)
            .toList();
    assertThat(access).hasSize(3);
    assertThat(access.get(1))
        .containsEntry("client", "127.0.0.1")
        .containsEntry("method", "GET")
        .containsEntry("path", "/api/v3/configure/token")
        .containsEntry("status", "200")
        .containsEntry("token_id", "0")
        .containsEntry("request_id", "trace-7")
        .containsKey("duration_ms");
    assertThat(access.get(2)).containsEntry("path", "/health").containsEntry("status", "401");
    assertThat(log).doesNotContain(token.substring("apiv3_".length(), 30));
  }

  @Test
  void textFormat_isTheDefault_andTheAccessLineIsKeyValueText() throws Exception {
    String token;
    String log;
    try (TollgateProcess.Server server = TollgateProcess.Server.start(dataDir, "--access-log")) {
      token = exercise(server.url);
      Thread.sleep(300);
      assertThat(server.stop()).isZero();
      log = server.log();
    }
    assertThat(log)
        .containsPattern(
            " INFO  access - client=127\\.0\\.0\\.1 method=GET path=/api/v3/configure/token"
                + " status=200 duration_ms=\\d+\\.\\d{3} token_id=0 request_id=trace-7\n")
        .contains("path=/health status=401")
        .doesNotContain("{\"")
        .doesNotContain(token.substring("apiv3_".length(), 30));
  }

  /** The {@code kvpList} of logback's JSON encoder as a map. */
  private static Map<String, String> keyValues(JsonNode node) {
    Map<String, String> values = new HashMap<>();
    JsonNode list = node.path("kvpList");
    List<JsonNode> entries = new ArrayList<>();
    if (list.isArray()) {
      list.forEach(entries::add);
    } else {
      entries.add(list);
    }
    for (JsonNode entry : entries) {
      for (Map.Entry<String, JsonNode> field : entry.properties()) {
        values.put(field.getKey(), field.getValue().asText());
      }
    }
    return values;
  }
}
