package io.tollgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tollgate.cli.CliRunner.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OfflineTokenTest {

  @TempDir Path dir;
  FakeInfluxServer server;
  CliRunner cli;
  Path file;

  @BeforeEach
  void start() throws Exception {
    server = FakeInfluxServer.start();
    cli = new CliRunner(dir).env("TOLLGATE_HOST_URL", server.url());
    file = dir.resolve("admin-token.json");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void offline_writesAnOperatorTokenFileWithoutContactingTheServer() throws Exception {
    Result result =
        cli.run("create", "token", "--admin", "--offline", "--output-file", file.toString());

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).isEqualTo("Token saved to: " + file + "\n");
    assertThat(result.err()).isEmpty();
    assertThat(server.requests()).isEmpty();
    JsonNode json = new ObjectMapper().readTree(Files.readString(file));
    assertThat(json.fieldNames()).toIterable().containsExactly("token", "name");
    assertThat(json.get("name").asText()).isEqualTo("_admin");
    assertThat(json.get("token").asText()).startsWith("apiv3_").hasSize(92);
    assertThat(result.out()).doesNotContain(json.get("token").asText());
  }

  @Test
  void offline_namedTokenRecordsNameAndAbsoluteExpiryInEpochMillis() throws Exception {
    Result result =
        cli.run(
            "create",
            "token",
            "--admin",
            "--name",
            "ci",
            "--expiry",
            "1d",
            "--offline",
            "--output-file",
            file.toString());

    assertThat(result.exitCode()).isZero();
    JsonNode json = new ObjectMapper().readTree(Files.readString(file));
    assertThat(json.fieldNames()).toIterable().containsExactly("token", "name", "expiry_millis");
    assertThat(json.get("name").asText()).isEqualTo("ci");
    assertThat(json.get("expiry_millis").asLong())
        .isEqualTo(CliRunner.NOW.toEpochMilli() + 86_400_000L);
  }

  @Test
  void offline_fileIsOwnerReadWriteOnlyAndNoTemporaryFileIsLeft() throws Exception {
    cli.run("create", "token", "--admin", "--offline", "--output-file", file.toString());

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).containsExactly(file);
    }
  }

  @Test
  void offline_refusesToOverwriteAnExistingFile() throws Exception {
    Files.writeString(file, "keep me");

    Result result =
        cli.run("create", "token", "--admin", "--offline", "--output-file", file.toString());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err())
        .isEqualTo(
            "error: "
                + file
                + " already exists; refusing to overwrite it (use --force to replace it)\n");
    assertThat(Files.readString(file)).isEqualTo("keep me");
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).containsExactly(file);
    }
  }

  @Test
  void offline_forceReplacesTheFileAtomicallyWithMode0600() throws Exception {
    Files.writeString(file, "old");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

    Result result =
        cli.run(
            "create", "token", "--admin", "--offline", "--output-file", file.toString(), "--force");

    assertThat(result.exitCode()).isZero();
    assertThat(Files.readString(file)).startsWith("{\"token\":\"apiv3_");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
  }

  @Test
  void offline_intoAMissingDirectoryFailsWithExit1() {
    Path missing = dir.resolve("nope").resolve("t.json");

    Result result =
        cli.run("create", "token", "--admin", "--offline", "--output-file", missing.toString());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).startsWith("error: cannot write " + missing);
  }

  @Test
  void offline_everyRunGeneratesADifferentToken() throws Exception {
    Path other = dir.resolve("other.json");
    cli.run("create", "token", "--admin", "--offline", "--output-file", file.toString());
    cli.run("create", "token", "--admin", "--offline", "--output-file", other.toString());

    ObjectMapper json = new ObjectMapper();
    assertThat(json.readTree(other.toFile()).get("token"))
        .isNotEqualTo(json.readTree(file.toFile()).get("token"));
  }
}
