package io.tollgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tollgate.app.TollgateProcess.Result;
import io.tollgate.app.TollgateProcess.Server;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Resource tokens through the packaged jar: {@code create token --permission} online and offline,
 * {@code serve --permission-tokens-file} (imported once) and {@code serve --resource-type}.
 */
class PermissionTokensIT {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path temp;

  private static int get(String url, String path, String token) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url + path))
            .header("Authorization", "Bearer " + token)
            .GET()
            .build();
    return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private static Result cli(String url, String token, String... args) throws Exception {
    Map<String, String> env =
        token == null
            ? Map.of("TOLLGATE_HOST_URL", url)
            : Map.of("TOLLGATE_HOST_URL", url, "TOLLGATE_AUTH_TOKEN", token);
    return TollgateProcess.run(env, args);
  }

  /** {@code create token … --format json} through the CLI: the new token string. */
  private static String created(String url, String token, String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of("create", "token"));
    all.addAll(List.of(args));
    all.addAll(List.of("--format", "json"));
    Result result = cli(url, token, all.toArray(String[]::new));
    assertThat(result.exitCode()).as(result.stderr()).isZero();
    return JSON.readTree(result.stdout()).get("token").asText();
  }

  @Test
  void resourceTokenCreatedByTheCli_opensOnlyWhatItsPermissionsGrant_andIsListedWithThem()
      throws Exception {
    try (Server server = Server.start(temp.resolve("data"))) {
      String admin = created(server.url, null, "--admin");
      String dash =
          created(
              server.url,
              admin,
              "--name",
              "dash",
              "--permission",
              "system:ping:read",
              "--permission",
              "db:a,b:read");

      assertThat(get(server.url, "/ping", dash)).isEqualTo(200);
      assertThat(get(server.url, "/health", dash)).isEqualTo(403);
      assertThat(get(server.url, "/metrics", dash)).isEqualTo(403);
      assertThat(get(server.url, "/api/v3/configure/token", dash)).isEqualTo(403);
      assertThat(get(server.url, "/ping", "apiv3_" + "n".repeat(40))).isEqualTo(401);

      for (String format : List.of("pretty", "json", "jsonl", "csv")) {
        Result shown = cli(server.url, admin, "show", "tokens", "--format", format);
        assertThat(shown.exitCode()).as(shown.stderr()).isZero();
        assertThat(shown.stdout())
            .as(format)
            .contains("dash")
            .contains("system:ping:read db:a,b:read")
            .contains("*:*:*")
            .doesNotContain(dash);
      }
    }
  }

  @Test
  void permissionTokensFileFromCreateTokenOffline_isImportedOnce_aDeletedTokenStaysDeleted()
      throws Exception {
    Path data = temp.resolve("data");
    Path file = temp.resolve("permission-tokens.json");
    Result offline =
        TollgateProcess.run(
            Map.of(),
            "create",
            "token",
            "--name",
            "pinger",
            "--permission",
            "system:ping:read",
            "--offline",
            "--output-file",
            file.toString());
    assertThat(offline.exitCode()).as(offline.stderr()).isZero();
    String token = JSON.readTree(file.toFile()).get("tokens").get(0).get("token").asText();

    try (Server server = Server.start(data, "--permission-tokens-file", file.toString())) {
      assertThat(get(server.url, "/ping", token)).isEqualTo(200);
      assertThat(get(server.url, "/health", token)).isEqualTo(403);
      String admin = created(server.url, null, "--admin");
      Result deleted = cli(server.url, admin, "delete", "token", "--token-name", "pinger", "--yes");
      assertThat(deleted.exitCode()).as(deleted.stderr()).isZero();
      assertThat(get(server.url, "/ping", token)).isEqualTo(401);
      assertThat(server.log()).contains("imported token \"pinger\"").doesNotContain(token);
      assertThat(server.stop()).isZero();
    }

    try (Server again = Server.start(data, "--permission-tokens-file", file.toString())) {
      assertThat(get(again.url, "/ping", token)).isEqualTo(401);
      assertThat(again.log())
          .contains("skipped token \"pinger\"")
          .contains("imported before and since deleted")
          .doesNotContain(token);
    }
  }

  @Test
  void badPermissionTokensFile_isOneErrorLineAndExit1_withoutTheTokenAndWithoutStoring()
      throws Exception {
    Path data = temp.resolve("data");
    Path file = temp.resolve("bad.json");
    String secret = "apiv3_" + "z".repeat(40);
    Files.writeString(
        file,
        "{\"tokens\":[{\"token\":\""
            + secret
            + "\",\"name\":\"x\",\"permissions\":[\"orders:*:read\"]}]}");

    Result result =
        TollgateProcess.run(
            Map.of(),
            "serve",
            "--data-dir",
            data.toString(),
            "--http-bind",
            "127.0.0.1:0",
            "--permission-tokens-file",
            file.toString());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr())
        .endsWith(
            "error: --permission-tokens-file "
                + file
                + ": token 0 (x): resource type not supported, orders\n")
        .doesNotContain(secret);
    assertThat(data.resolve("tollgate.db")).doesNotExist();
  }

  @Test
  void resourceTypeDeclaredAtServe_canBeGrantedAndAnUndeclaredActionIsRefused() throws Exception {
    try (Server server =
        Server.start(temp.resolve("data"), "--resource-type", "orders=read,write")) {
      String admin = created(server.url, null, "--admin");

      created(server.url, admin, "--name", "orders-reader", "--permission", "orders:*:read");
      Result refused =
          cli(
              server.url,
              admin,
              "create",
              "token",
              "--name",
              "orders-admin",
              "--permission",
              "orders:*:delete");

      assertThat(refused.exitCode()).isEqualTo(1);
      assertThat(refused.stderr()).contains("400").contains("action not supported");
      Result shown = cli(server.url, admin, "show", "tokens", "--format", "csv");
      assertThat(shown.stdout()).contains("orders:*:read").doesNotContain("orders-admin");
    }

    try (Server plain = Server.start(temp.resolve("data2"))) {
      String admin = created(plain.url, null, "--admin");
      Result undeclared =
          cli(plain.url, admin, "create", "token", "--name", "o", "--permission", "orders:*:read");
      assertThat(undeclared.exitCode()).isEqualTo(1);
      assertThat(undeclared.stderr()).contains("400").contains("resource type not supported");
    }
  }
}
