package io.tollgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tollgate.app.TollgateProcess.Result;
import io.tollgate.app.TollgateProcess.Server;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve --admin-token-file} across restarts, with the packaged jar as separate processes.
 */
class TokenFileImportIT {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir Path temp;

  private static int status(String url, String token) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url + "/api/v3/configure/token"))
            .header("Authorization", "Bearer " + token)
            .GET()
            .build();
    return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  @Test
  void anImportedTokenDeletedOnceStaysDeletedWhenServedAgainWithTheSameFile() throws Exception {
    Path data = temp.resolve("data");
    Path file = temp.resolve("ci.json");
    Result offline =
        TollgateProcess.run(
            Map.of(),
            "create",
            "token",
            "--admin",
            "--name",
            "ci",
            "--offline",
            "--output-file",
            file.toString());
    assertThat(offline.exitCode()).as(offline.stderr()).isZero();
    String token = new ObjectMapper().readTree(file.toFile()).get("token").asText();

    try (Server server = Server.start(data, "--admin-token-file", file.toString())) {
      assertThat(status(server.url, token)).isEqualTo(200);
      Result deleted =
          TollgateProcess.run(
              Map.of("TOLLGATE_HOST_URL", server.url, "TOLLGATE_AUTH_TOKEN", token),
              "delete",
              "token",
              "--token-name",
              "ci",
              "--yes");
      assertThat(deleted.exitCode()).as(deleted.stderr()).isZero();
      assertThat(status(server.url, token)).isEqualTo(401);
      assertThat(server.stop()).isZero();
    }

    try (Server again = Server.start(data, "--admin-token-file", file.toString())) {
      assertThat(status(again.url, token)).isEqualTo(401);
      assertThat(again.log())
          .contains("skipped token \"ci\"")
          .contains("imported before and since deleted")
          .doesNotContain(token);
    }
  }

  /** InfluxDB's documented example file: {@code _admin} with {@code expiry_millis}. */
  @Test
  void influxDbsDocumentedOperatorFile_isImported_withOneWarningThatItsExpiryIsIgnored()
      throws Exception {
    String token = "apiv3_" + "d".repeat(80);
    Path file = temp.resolve("admin-token.json");
    java.nio.file.Files.writeString(
        file,
        "{\n  \"token\": \""
            + token
            + "\",\n  \"name\": \"_admin\",\n  \"description\": \"Admin token for InfluxDB 3\",\n"
            + "  \"expiry_millis\": 1756400061529\n}\n");
    java.nio.file.Files.setPosixFilePermissions(
        file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));

    try (Server server =
        Server.start(temp.resolve("data"), "--admin-token-file", file.toString())) {
      assertThat(status(server.url, token)).isEqualTo(200);
      assertThat(server.log().split("expiry_millis ignored", -1)).hasSize(2);
      assertThat(server.log())
          .contains("the operator token (_admin) never expires")
          .contains("imported token \"_admin\"")
          .doesNotContain(token);
    }
  }
}
