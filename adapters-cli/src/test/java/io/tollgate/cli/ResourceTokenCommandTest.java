package io.tollgate.cli;

import static io.tollgate.cli.FakeInfluxServer.TOKEN;
import static io.tollgate.cli.FakeInfluxServer.TOKEN_OBJECT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tollgate.cli.CliRunner.Result;
import io.tollgate.cli.FakeInfluxServer.Request;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code tollgate create token --name N --permission …}: resource tokens, online and offline. */
class ResourceTokenCommandTest {

  private static final String ENDPOINT = "/api/v3/enterprise/configure/token";

  @TempDir Path home;
  FakeInfluxServer server;
  CliRunner cli;

  @BeforeEach
  void start() throws Exception {
    server = FakeInfluxServer.start();
    cli = new CliRunner(home).env("TOLLGATE_HOST_URL", server.url());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void permission_postsEnterpriseRequestWithEachParsedPermissionAndPrintsTheTextBlock() {
    server.reply("POST", ENDPOINT, 201, TOKEN_OBJECT);

    Result result =
        cli.run(
            "create",
            "token",
            "--name",
            "dash",
            "--permission",
            "db:a,b:read,write",
            "--permission",
            "system:health:read",
            "--expiry",
            "1h",
            "--description",
            "the dashboard",
            "--token",
            "t1");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).isEqualTo(CreateTokenCommandTest.TEXT_BLOCK);
    Request request = server.requests().get(0);
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.path()).isEqualTo(ENDPOINT);
    assertThat(request.header("Authorization")).isEqualTo("Bearer t1");
    assertThat(request.body())
        .isEqualTo(
            "{\"token_name\":\"dash\",\"permissions\":["
                + "{\"resource_type\":\"db\",\"resource_names\":[\"a\",\"b\"],"
                + "\"actions\":[\"read\",\"write\"]},"
                + "{\"resource_type\":\"system\",\"resource_names\":[\"health\"],"
                + "\"actions\":[\"read\"]}],"
                + "\"expiry_secs\":3600,\"description\":\"the dashboard\"}");
  }

  @Test
  void permission_withoutExpiryOrDescriptionSendsNeitherAndFormatJsonPrintsTheToken()
      throws Exception {
    server.reply("POST", ENDPOINT, 201, TOKEN_OBJECT);

    Result result =
        cli.run("create", "token", "--name", "n", "--permission", "db:*:*", "--format", "json");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(new ObjectMapper().readTree(result.out()).get("token").asText()).isEqualTo(TOKEN);
    assertThat(server.requests().get(0).body())
        .isEqualTo(
            "{\"token_name\":\"n\",\"permissions\":[{\"resource_type\":\"db\","
                + "\"resource_names\":[\"*\"],\"actions\":[\"*\"]}]}");
  }

  @Test
  void permission_serverRefusalExits1WithTheServersMessage() {
    server.reply("POST", ENDPOINT, 400, "{\"error\":\"resource type not supported, orders\"}");

    Result result = cli.run("create", "token", "--name", "n", "--permission", "orders:*:read");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("400").contains("resource type not supported, orders");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "--name n --permission db:a:read --admin | --permission cannot be used with --admin",
        "--name n | missing --admin or --permission",
        "--permission db:a:read | --permission requires --name",
        "--name n --permission 'db:a, b:read' | must not contain spaces",
        "--name n --permission ' db:a:read' | must not contain spaces",
        "--name n --permission db::read | empty list of resource names",
        "--name n --permission db:a: | empty list of actions",
        "--name n --permission :a:read | empty resource type",
        "--name n --permission db:a,,b:read | empty resource name",
        "--name n --permission db:a:read,,write | empty action",
        "--name n --permission db:a:read:write | two colons",
        "--name n --permission db:a | two colons",
        "--name n --permission db:*,a:read | mixed wildcard (*) and resource name",
        "--name n --permission *:*:* | resource type * is for admin tokens only",
        "--name n --permission db:a:read --permission db:a:read | duplicate permission",
        "--name n --permission db:a:READ | action not supported",
        "--name _admin --permission db:a:read | reserved for the operator token",
        "--name n --permission db:a:read --regenerate | --regenerate applies only",
        "--name n --permission db:a:read --output-file f | --output-file requires --offline",
        "--name n --permission db:a:read --offline | --offline requires --output-file",
        "--name n --permission db:a:read --offline --output-file f --format json"
            + " | --format does not apply",
        "--name n --permission db:a:read --offline --output-file f --description d"
            + " | --description cannot be stored"
      })
  void badPermissionUsage_exits2AndSendsNothing(String args, String message) {
    List<String> words = new ArrayList<>(List.of("create", "token"));
    words.addAll(split(args));

    Result result = cli.run(words.toArray(new String[0]));

    assertThat(result.exitCode()).as(result.err()).isEqualTo(2);
    assertThat(result.err()).startsWith("error: ").contains(message);
    assertThat(result.out()).isEmpty();
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void offline_writesTheEnterprisePermissionTokensFileOwnerOnly() throws Exception {
    Path file = home.resolve("tokens.json");

    Result result =
        cli.run(
            "create",
            "token",
            "--name",
            "ingest",
            "--permission",
            "db:a,b:read,write",
            "--permission",
            "system:ping:read",
            "--expiry",
            "1d",
            "--offline",
            "--output-file",
            file.toString());

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).isEqualTo("Token saved to: " + file + "\n");
    assertThat(server.requests()).isEmpty();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    JsonNode root = new ObjectMapper().readTree(Files.readString(file));
    assertThat(root.fieldNames()).toIterable().containsExactly("tokens");
    assertThat(root.get("tokens")).hasSize(1);
    JsonNode token = root.get("tokens").get(0);
    assertThat(token.fieldNames())
        .toIterable()
        .containsExactly("token", "name", "expiry_millis", "permissions");
    assertThat(token.get("token").asText()).startsWith("apiv3_");
    assertThat(token.get("name").asText()).isEqualTo("ingest");
    assertThat(token.get("expiry_millis").asLong())
        .isEqualTo(CliRunner.NOW.toEpochMilli() + 86_400_000L);
    assertThat(token.get("permissions").toString())
        .isEqualTo("[\"db:a,b:read,write\",\"system:ping:read\"]");
    assertThat(result.out()).doesNotContain(token.get("token").asText());
  }

  @Test
  void offline_withoutExpiryLeavesExpiryOutAndRefusesToOverwrite() throws Exception {
    Path file = home.resolve("tokens.json");
    String[] args = {
      "create",
      "token",
      "--name",
      "n",
      "--permission",
      "db:*:read",
      "--offline",
      "--output-file",
      file.toString()
    };

    assertThat(cli.run(args).exitCode()).isZero();
    String first = Files.readString(file);
    Result again = cli.run(args);

    assertThat(new ObjectMapper().readTree(first).get("tokens").get(0).has("expiry_millis"))
        .isFalse();
    assertThat(again.exitCode()).isEqualTo(1);
    assertThat(again.err()).contains("already exists");
    assertThat(Files.readString(file)).isEqualTo(first);
  }

  private static List<String> split(String args) {
    List<String> words = new ArrayList<>();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("'([^']*)'|(\\S+)").matcher(args);
    while (m.find()) {
      words.add(m.group(1) != null ? m.group(1) : m.group(2));
    }
    return words;
  }
}
