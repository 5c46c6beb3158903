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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** backup, restore and offline operator recovery, with the packaged jar as separate processes. */
class OfflineOperationsIT {

  private static final Pattern TOKEN = Pattern.compile("Token: (apiv3_[A-Za-z0-9_-]+)");
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir Path temp;

  /** Every command's output, to check afterwards where each token string appeared. */
  private final List<String> outputs = new ArrayList<>();

  private Result run(Map<String, String> env, String... args) throws Exception {
    Result result = TollgateProcess.run(env, args);
    outputs.add(result.stdout() + "\n" + result.stderr());
    return result;
  }

  private String created(Map<String, String> env, String... args) throws Exception {
    Result result = run(env, args);
    Matcher m = TOKEN.matcher(result.stdout());
    assertThat(m.find()).as("token in stdout: %s / %s", result.stdout(), result.stderr()).isTrue();
    return m.group(1);
  }

  private static int status(String url, String token) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url + "/api/v3/configure/token"))
            .header("Authorization", "Bearer " + token)
            .GET()
            .build();
    return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  @Test
  void backupWhileServing_restore_andOfflineOperatorRecovery() throws Exception {
    Path data = temp.resolve("data");
    Path backup = temp.resolve("backup.db");
    String dir = data.toString();
    String admin;
    String ci;
    String deploy;
    String later;
    try (Server server = Server.start(data)) {
      Map<String, String> host = Map.of("TOLLGATE_HOST_URL", server.url);
      admin = created(host, "create", "token", "--admin");
      Map<String, String> auth =
          Map.of("TOLLGATE_HOST_URL", server.url, "TOLLGATE_AUTH_TOKEN", admin);
      ci = created(auth, "create", "token", "--admin", "--name", "ci");
      deploy = created(auth, "create", "token", "--admin", "--name", "deploy", "--expiry", "1y");

      Result backedUp = run(Map.of(), "backup", "--data-dir", dir, "--output", backup.toString());
      assertThat(backedUp.exitCode()).as(backedUp.stderr()).isZero();
      assertThat(Files.getPosixFilePermissions(backup))
          .isEqualTo(PosixFilePermissions.fromString("rw-------"));
      Result again = run(Map.of(), "backup", "--data-dir", dir, "--output", backup.toString());
      assertThat(again.exitCode()).isEqualTo(1);
      assertThat(again.stderr()).contains("already exists").contains("--force");

      later = created(auth, "create", "token", "--admin", "--name", "later");
      assertThat(run(auth, "delete", "token", "--token-name", "ci", "--yes").exitCode()).isZero();
      assertThat(status(server.url, ci)).isEqualTo(401);

      Result restoreWhileServing =
          run(Map.of(), "restore", "--input", backup.toString(), "--data-dir", dir, "--yes");
      assertThat(restoreWhileServing.exitCode()).isEqualTo(1);
      assertThat(restoreWhileServing.stderr()).contains(dir).contains("in use");

      Result recoveryWhileServing = run(Map.of(), "recovery", "create-operator", "--data-dir", dir);
      assertThat(recoveryWhileServing.exitCode()).isEqualTo(1);
      assertThat(recoveryWhileServing.stderr()).contains(dir).contains("in use");
      assertThat(recoveryWhileServing.stdout()).isEmpty();

      Result listWhileServing = run(Map.of(), "recovery", "list", "--data-dir", dir);
      assertThat(listWhileServing.exitCode()).as(listWhileServing.stderr()).isZero();
      assertThat(listWhileServing.stdout()).contains("_admin").contains("later").contains("deploy");

      assertThat(server.stop()).isZero();
    }

    Result declined =
        TollgateProcess.runWithInput(
            Map.of(), "no\n", "restore", "--input", backup.toString(), "--data-dir", dir);
    outputs.add(declined.stdout() + declined.stderr());
    assertThat(declined.exitCode()).isEqualTo(1);
    assertThat(declined.stderr()).contains("Are you sure").contains("without confirmation");

    Result notAStore =
        run(
            Map.of(),
            "restore",
            "--input",
            temp.resolve("nothing.db").toString(),
            "--data-dir",
            dir);
    assertThat(notAStore.exitCode()).isEqualTo(1);
    assertThat(notAStore.stderr()).contains("does not exist");

    Result restored =
        run(Map.of(), "restore", "--input", backup.toString(), "--data-dir", dir, "--yes");
    assertThat(restored.exitCode()).as(restored.stderr()).isZero();
    assertThat(restored.stdout()).contains("Restored " + dir);

    try (Server server = Server.start(data)) {
      assertThat(status(server.url, admin)).isEqualTo(200);
      assertThat(status(server.url, ci)).as("deleted after the backup").isEqualTo(200);
      assertThat(status(server.url, deploy)).isEqualTo(200);
      assertThat(status(server.url, later)).as("created after the backup").isEqualTo(401);
      assertThat(server.stop()).isZero();
    }

    String operator = created(Map.of(), "recovery", "create-operator", "--data-dir", dir);
    assertThat(outputs.get(outputs.size() - 1))
        .contains("IMPORTANT: Store this token securely")
        .contains("Regenerated the operator token _admin");

    try (Server server = Server.start(data)) {
      assertThat(status(server.url, admin)).as("old operator token").isEqualTo(401);
      assertThat(status(server.url, operator)).as("new operator token").isEqualTo(200);
      assertThat(status(server.url, deploy)).as("named tokens untouched").isEqualTo(200);

      Result list = run(Map.of(), "recovery", "list", "--data-dir", dir, "--format", "json");
      assertThat(list.exitCode()).as(list.stderr()).isZero();
      JsonNode rows = new ObjectMapper().readTree(list.stdout());
      assertThat(rows).hasSize(3);
      assertThat(rows.get(0).get("name").asText()).isEqualTo("_admin");
      assertThat(rows.get(0).has("updated_at")).isTrue();
      assertThat(rows.get(1).get("name").asText()).isEqualTo("ci");
      assertThat(rows.get(2).get("name").asText()).isEqualTo("deploy");
      assertThat(rows.get(0).get("hash").asText()).hasSize(9);
      assertThat(server.stop()).isZero();
    }

    String backupBytes = new String(Files.readAllBytes(backup), StandardCharsets.ISO_8859_1);
    for (String token : List.of(admin, ci, deploy, later, operator)) {
      assertThat(backupBytes).as("backup file").doesNotContain(token);
      assertThat(outputs.stream().filter(o -> o.contains(token)))
          .as("outputs showing %s", token.substring(0, 10))
          .hasSize(1);
    }
  }

  @Test
  void recoveryCreateOperator_onAStoreWithoutOperator_createsIt_andWithoutStoreChangesNothing()
      throws Exception {
    Path data = temp.resolve("data");
    try (Server server = Server.start(data)) {
      // only to create the store; stopped at once, so its exit code is not this test's subject
      assertThat(server.url).isNotEmpty();
    }

    Result missing =
        run(Map.of(), "recovery", "create-operator", "--data-dir", temp.resolve("typo").toString());
    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.stderr()).contains("no Tollgate store");
    assertThat(temp.resolve("typo")).doesNotExist();

    Result json =
        run(
            Map.of(),
            "recovery",
            "create-operator",
            "--data-dir",
            data.toString(),
            "--format",
            "json");
    assertThat(json.exitCode()).as(json.stderr()).isZero();
    String operator = new ObjectMapper().readTree(json.stdout()).get("token").asText();
    assertThat(json.stderr()).contains("Created the operator token _admin");

    try (Server server = Server.start(data)) {
      assertThat(status(server.url, operator)).isEqualTo(200);
    }
  }
}
