package io.tollgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tollgate.app.TollgateProcess.Result;
import io.tollgate.app.TollgateProcess.Server;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar, run as separate processes: the server and the CLI against it. */
class CliEndToEndIT {

  private static final Pattern TOKEN = Pattern.compile("Token: (apiv3_[A-Za-z0-9_-]+)");
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir Path temp;

  private static String tokenIn(Result result) {
    Matcher m = TOKEN.matcher(result.stdout());
    assertThat(m.find()).as("token in stdout: %s / %s", result.stdout(), result.stderr()).isTrue();
    return m.group(1);
  }

  private static int status(String url, String path, String token) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + path)).GET();
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  @Test
  void lifecycle_serveCreateShowRegenerateDeleteAndStopCleanly() throws Exception {
    try (Server server = Server.start(temp.resolve("data"))) {
      Map<String, String> host = Map.of("TOLLGATE_HOST_URL", server.url);

      Result operator = TollgateProcess.run(host, "create", "token", "--admin");
      assertThat(operator.exitCode()).isZero();
      assertThat(operator.stdout())
          .contains("New token created successfully!")
          .contains("HTTP Requests Header: Authorization: Bearer apiv3_")
          .contains("IMPORTANT: Store this token securely, as it will not be shown again.");
      String admin = tokenIn(operator);
      Map<String, String> auth =
          Map.of("TOLLGATE_HOST_URL", server.url, "TOLLGATE_AUTH_TOKEN", admin);

      Result named =
          TollgateProcess.run(auth, "create", "token", "--admin", "--name", "ci", "--expiry", "1h");
      assertThat(named.exitCode()).isZero();
      String ci = tokenIn(named);

      Result show = TollgateProcess.run(auth, "show", "tokens", "--format", "json");
      assertThat(show.exitCode()).isZero();
      JsonNode rows = new ObjectMapper().readTree(show.stdout());
      assertThat(rows).hasSize(2);
      assertThat(rows.get(1).get("name").asText()).isEqualTo("ci");
      assertThat(rows.get(1).has("expiry")).isTrue();
      assertThat(show.stdout()).doesNotContain(admin).doesNotContain(ci);

      Result regenerated =
          TollgateProcess.runWithInput(auth, "yes\n", "create", "token", "--admin", "--regenerate");
      assertThat(regenerated.exitCode()).isZero();
      assertThat(regenerated.stderr())
          .contains("Are you sure you want to regenerate admin token? Enter 'yes' to confirm");
      String newAdmin = tokenIn(regenerated);
      assertThat(newAdmin).isNotEqualTo(admin);

      assertThat(status(server.url, "/api/v3/configure/token", admin)).isEqualTo(401);
      assertThat(status(server.url, "/api/v3/configure/token", newAdmin)).isEqualTo(200);
      Result refused = TollgateProcess.run(auth, "show", "tokens");
      assertThat(refused.exitCode()).isEqualTo(1);
      assertThat(refused.stderr()).contains("401");

      Map<String, String> newAuth =
          Map.of("TOLLGATE_HOST_URL", server.url, "TOLLGATE_AUTH_TOKEN", newAdmin);
      Result deleted =
          TollgateProcess.run(newAuth, "delete", "token", "--token-name", "ci", "--yes");
      assertThat(deleted.exitCode()).isZero();
      assertThat(deleted.stdout()).contains("Token \"ci\" deleted successfully");
      assertThat(status(server.url, "/ping", ci)).isEqualTo(401);

      Result after = TollgateProcess.run(newAuth, "show", "tokens", "--format", "jsonl");
      assertThat(after.exitCode()).isZero();
      assertThat(after.stdout().strip().lines()).hasSize(1).allMatch(l -> l.contains("_admin"));

      assertThat(server.stop()).as("exit code after SIGTERM").isZero();
      assertThat(server.log()).doesNotContain(admin).doesNotContain(newAdmin).doesNotContain(ci);
    }
  }

  @Test
  void offlineTokenFile_isImportedAtStartupAndWorks() throws Exception {
    Path file = temp.resolve("admin.json");
    Result offline =
        TollgateProcess.run(
            Map.of(), "create", "token", "--admin", "--offline", "--output-file", file.toString());
    assertThat(offline.exitCode()).as(offline.stderr()).isZero();
    assertThat(offline.stdout()).contains("Token saved to: " + file);
    assertThat(Files.getPosixFilePermissions(file))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    String token = new ObjectMapper().readTree(file.toFile()).get("token").asText();

    try (Server server =
        Server.start(temp.resolve("data"), "--admin-token-file", file.toString())) {
      assertThat(status(server.url, "/api/v3/configure/token", token)).isEqualTo(200);
      assertThat(status(server.url, "/api/v3/configure/token", null)).isEqualTo(401);
      assertThat(server.log()).doesNotContain(token);
    }
  }

  @Test
  void influxScenarios_operatorOnceNamedUniqueExpiryAndLocalRefusals() throws Exception {
    try (Server server = Server.start(temp.resolve("data"))) {
      Map<String, String> host = Map.of("TOLLGATE_HOST_URL", server.url);
      String admin = tokenIn(TollgateProcess.run(host, "create", "token", "--admin"));

      Result second = TollgateProcess.run(host, "create", "token", "--admin");
      assertThat(second.exitCode()).isEqualTo(1);
      assertThat(second.stderr()).contains("409").contains("token name already exists, _admin");

      Map<String, String> auth =
          Map.of("INFLUXDB3_HOST_URL", server.url, "INFLUXDB3_AUTH_TOKEN", admin);
      assertThat(TollgateProcess.run(auth, "create", "token", "--admin", "--name", "x").exitCode())
          .isZero();
      Result duplicate = TollgateProcess.run(auth, "create", "token", "--admin", "--name", "x");
      assertThat(duplicate.exitCode()).isEqualTo(1);
      assertThat(duplicate.stderr()).contains("token name already exists, x");

      Result both =
          TollgateProcess.run(auth, "create", "token", "--admin", "--name", "x", "--regenerate");
      assertThat(both.exitCode()).isEqualTo(2);

      Result operatorDelete =
          TollgateProcess.run(auth, "delete", "token", "--token-name", "_admin", "--yes");
      assertThat(operatorDelete.exitCode()).isEqualTo(1);
      assertThat(operatorDelete.stderr()).contains("cannot delete operator token");

      Result skipped =
          TollgateProcess.run(auth, "create", "token", "--admin", "--regenerate", "--yes");
      assertThat(skipped.exitCode()).isZero();
      assertThat(skipped.stderr()).doesNotContain("Are you sure");
      String regenerated = tokenIn(skipped);

      Map<String, String> fresh =
          Map.of("TOLLGATE_HOST_URL", server.url, "TOLLGATE_AUTH_TOKEN", regenerated);
      String shortLived =
          tokenIn(
              TollgateProcess.run(
                  fresh, "create", "token", "--admin", "--name", "brief", "--expiry", "2s"));
      assertThat(status(server.url, "/api/v3/configure/token", shortLived)).isEqualTo(200);
      Thread.sleep(2500);
      assertThat(status(server.url, "/api/v3/configure/token", shortLived)).isEqualTo(401);
    }
  }

  @Test
  void usageErrors_exitTwoAndContactNoServer() throws Exception {
    try (java.net.ServerSocket listener = new java.net.ServerSocket(0)) {
      listener.setSoTimeout(200);
      String url = "http://127.0.0.1:" + listener.getLocalPort();
      Map<String, String> env = Map.of("TOLLGATE_HOST_URL", url, "TOLLGATE_AUTH_TOKEN", "apiv3_x");
      String[][] usageErrors = {
        {"create", "token"},
        {"create", "token", "--admin", "--name", "x", "--regenerate"},
        {"create", "token", "--admin", "--name", "x", "--expiry", "5 fortnights"},
        {"create", "token", "--admin", "--name", "x", "--expiry", "1h30"},
        {"create", "token", "--admin", "--name", "_admin"},
        {"create", "token", "--admin", "--format", "xml"},
        {"delete", "token"},
        {"show", "tokens", "--format", "yaml"},
        {"serve", "--http-bind", "nonsense"},
        {"serve", "--disable-authz", "everything"},
        {"no-such-command"},
      };
      for (String[] args : usageErrors) {
        Result result = TollgateProcess.run(env, args);
        assertThat(result.exitCode())
            .as(String.join(" ", args) + ": " + result.stderr())
            .isEqualTo(2);
        assertThat(result.stderr()).as(String.join(" ", args)).isNotBlank();
      }
      assertThat(acceptsConnection(listener)).as("a usage error contacted the server").isFalse();
    }
  }

  @SuppressWarnings("try") // the accepted connection is only closed: accepting is the test
  private static boolean acceptsConnection(java.net.ServerSocket listener) {
    try (var ignored = listener.accept()) {
      return true;
    } catch (java.io.IOException timeout) {
      return false;
    }
  }

  @Test
  void version_printsTheVersion() throws Exception {
    Result version = TollgateProcess.run(Map.of(), "--version");

    assertThat(version.exitCode()).isZero();
    assertThat(version.stdout()).startsWith("tollgate ");
  }
}
