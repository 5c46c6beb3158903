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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC section 10's audit trail through the packaged jar: every action is read back over HTTP and
 * with {@code tollgate show audit}, identical failures coalesce, no issued token string appears in
 * any audit output (HTTP, CLI, the {@code --audit-log} file, the SQLite files), and the file is
 * 0600, reopened on SIGHUP, refused as a symbolic link or an unwritable path.
 */
class AuditTrailIT {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String WRONG = "apiv3_wrong-token-guessed-by-someone-0123456789abcdef";

  @TempDir Path temp;

  private static HttpResponse<String> send(String method, String url, String token, String body)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(10))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String issued(HttpResponse<String> reply) throws Exception {
    assertThat(reply.statusCode()).as(reply.body()).isEqualTo(201);
    return JSON.readTree(reply.body()).get("token").asText();
  }

  @Test
  void everyAction_isReadBackOverHttpAndTheCli_andNoTokenStringIsInAnyAuditOutput()
      throws Exception {
    Path data = temp.resolve("data");
    Path file = temp.resolve("audit.jsonl");
    Path tokenFile = temp.resolve("ci.json");
    Result offline =
        TollgateProcess.run(
            Map.of(),
            "create",
            "token",
            "--admin",
            "--name",
            "from-file",
            "--offline",
            "--output-file",
            tokenFile.toString());
    assertThat(offline.exitCode()).as(offline.stderr()).isZero();
    List<String> secrets = new ArrayList<>();
    secrets.add(JSON.readTree(tokenFile.toFile()).get("token").asText());
    secrets.add(WRONG);
    String admin;
    try (Server server =
        Server.start(
            data,
            "--audit-log",
            file.toString(),
            "--admin-token-file",
            tokenFile.toString(),
            "--auth-failure-limit",
            "0")) {
      String base = server.url + "/api/v3/configure/token";
      admin = issued(send("POST", base + "/admin", null, null));
      secrets.add(admin);
      secrets.add(issued(send("POST", base + "/named_admin", admin, "{\"token_name\":\"ci\"}")));
      String reader =
          issued(
              send(
                  "POST",
                  server.url + "/api/v3/enterprise/configure/token",
                  admin,
                  "{\"token_name\":\"reader\",\"permissions\":[{\"resource_type\":\"db\","
                      + "\"resource_names\":[\"orders\"],\"actions\":[\"read\"]}]}"));
      secrets.add(reader);
      assertThat(
              send("PATCH", base + "?token_name=ci", admin, "{\"status\":\"inactive\"}")
                  .statusCode())
          .isEqualTo(200);
      admin = issued(send("POST", base + "/admin/regenerate", admin, null));
      secrets.add(admin);
      HttpResponse<String> code = send("POST", base + "/admin/recovery_code", admin, null);
      assertThat(code.statusCode()).as(code.body()).isEqualTo(201);
      secrets.add(JSON.readTree(code.body()).get("recovery_code").asText());
      assertThat(send("DELETE", base + "?token_name=ci", admin, null).statusCode()).isEqualTo(200);
      for (int i = 0; i < 3; i++) {
        assertThat(send("GET", base, WRONG, null).statusCode()).isEqualTo(401);
      }
      assertThat(send("GET", base, reader, null).statusCode()).isEqualTo(403);
      assertThat(send("GET", base + "/audit", reader, null).statusCode()).isEqualTo(403);
      assertThat(server.stop()).isZero(); // hands the waiting refusals to the audit
    }

    try (Server server = Server.start(data, "--audit-log", file.toString())) {
      HttpResponse<String> audit =
          send("GET", server.url + "/api/v3/configure/token/audit?limit=10000", admin, null);
      assertThat(audit.statusCode()).as(audit.body()).isEqualTo(200);
      List<String> actions = new ArrayList<>();
      JSON.readTree(audit.body()).forEach(n -> actions.add(n.get("action").asText()));
      assertThat(actions)
          .contains(
              "token.created",
              "token.imported",
              "token.updated",
              "token.regenerated",
              "recovery_code.issued",
              "token.deleted",
              "auth.failed",
              "authz.denied");
      JsonNode failed = failedEntries(audit.body());
      assertThat(failed.get("count").asLong())
          .as("three identical failures, one entry")
          .isEqualTo(3);
      assertThat(failed.get("credential_fp").asText()).matches("[0-9a-f]{16}");

      Map<String, String> env =
          Map.of("TOLLGATE_HOST_URL", server.url, "TOLLGATE_AUTH_TOKEN", admin);
      StringBuilder cliOutput = new StringBuilder();
      for (String format : List.of("pretty", "json", "jsonl", "csv")) {
        Result shown =
            TollgateProcess.run(env, "show", "audit", "--limit", "10000", "--format", format);
        assertThat(shown.exitCode()).as(shown.stderr()).isZero();
        cliOutput.append(shown.stdout());
      }
      for (String action : actions) {
        assertThat(cliOutput.toString()).contains(action);
      }
      Result onlyFailures =
          TollgateProcess.run(env, "show", "audit", "--action", "auth.failed", "--format", "jsonl");
      assertThat(onlyFailures.stdout().strip().split("\n")).hasSize(1);
      assertThat(onlyFailures.stdout()).contains("\"count\":3");

      String fileText = Files.readString(file);
      assertThat(fileText.lines().count()).isEqualTo(actions.size());
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
          .isEqualTo("rw-------");
      List<String> outputs = new ArrayList<>();
      outputs.add(audit.body());
      outputs.add(cliOutput.toString());
      outputs.add(fileText);
      outputs.add(server.log());
      try (Stream<Path> stored = Files.list(data)) {
        for (Path f : stored.filter(Files::isRegularFile).toList()) {
          outputs.add(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
        }
      }
      for (String output : outputs) {
        for (String secret : secrets) {
          assertThat(output).doesNotContain(secret);
        }
      }
    }
  }

  private static JsonNode failedEntries(String body) throws Exception {
    List<JsonNode> failed = new ArrayList<>();
    JSON.readTree(body)
        .forEach(
            n -> {
              if (n.get("action").asText().equals("auth.failed")) {
                failed.add(n);
              }
            });
    assertThat(failed).hasSize(1);
    return failed.get(0);
  }

  @Test
  void sighup_reopensTheAuditLogFile_afterLogrotateRenamedIt() throws Exception {
    Path file = temp.resolve("audit.jsonl");
    Path rotated = temp.resolve("audit.jsonl.1");
    try (Server server = Server.start(temp.resolve("data"), "--audit-log", file.toString())) {
      String admin = issued(send("POST", server.url + "/api/v3/configure/token/admin", null, null));
      Files.move(file, rotated);
      new ProcessBuilder("kill", "-HUP", Long.toString(server.process.pid())).start().waitFor();
      waitFor(() -> server.log().contains("reopened the audit log file"));
      issued(
          send(
              "POST",
              server.url + "/api/v3/configure/token/named_admin",
              admin,
              "{\"token_name\":\"after\"}"));

      assertThat(Files.readString(rotated))
          .contains("\"token_name\":\"_admin\"")
          .doesNotContain("after");
      assertThat(Files.readString(file)).contains("\"token_name\":\"after\"");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
          .isEqualTo("rw-------");
      assertThat(server.process.isAlive()).isTrue();
    }
  }

  @Test
  void anUnwritableAuditLogPath_orASymbolicLink_stopsServeWithOneLine() throws Exception {
    Path missingDir = temp.resolve("no-such-dir").resolve("audit.jsonl");
    Path target = Files.writeString(temp.resolve("target"), "");
    Path link = Files.createSymbolicLink(temp.resolve("link.jsonl"), target);

    for (Path bad : List.of(missingDir, link)) {
      Result result =
          TollgateProcess.run(
              Map.of(),
              "serve",
              "--data-dir",
              temp.resolve("data").toString(),
              "--http-bind",
              "127.0.0.1:0",
              "--audit-log",
              bad.toString());

      assertThat(result.exitCode()).as(result.stderr()).isEqualTo(1);
      List<String> lines = result.stderr().strip().lines().filter(l -> !l.isBlank()).toList();
      assertThat(lines).as(result.stderr()).hasSize(1);
      assertThat(lines.get(0)).contains("cannot open the audit log file " + bad);
    }
    assertThat(Files.readString(target)).isEmpty();
  }

  private static void waitFor(java.util.function.BooleanSupplier condition) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within 10 s");
      }
      Thread.sleep(50);
    }
  }
}
