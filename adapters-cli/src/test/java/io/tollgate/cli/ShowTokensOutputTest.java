package io.tollgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.cli.CliRunner.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code show tokens --output FILE}: every format, owner-only, atomic, never through a link. */
class ShowTokensOutputTest {

  private static final String BODY = "token_id,name\n0,_admin\n";

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

  private static String mode(Path file) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
  }

  private long filesIn(Path dir) throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return files.count();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"json", "jsonl", "csv", "pretty"})
  void everyFormat_isWrittenToTheFile_ownerOnly_withNothingOnStdout(String format)
      throws Exception {
    server.reply("GET", "/api/v3/query_sql", 200, BODY);
    Path dir = Files.createDirectory(home.resolve("out"));

    Result result = cli.run("show", "tokens", "--format", format, "--output", "~/out/tokens");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).isEmpty();
    Path file = dir.resolve("tokens");
    assertThat(Files.readString(file)).isEqualTo(BODY);
    assertThat(mode(file)).isEqualTo("rw-------");
    assertThat(filesIn(dir)).as("no temporary file left").isEqualTo(1);
    assertThat(server.requests().get(0).rawQuery()).endsWith("&format=" + format);
  }

  @Test
  void anExistingFile_isReplaced_andBecomesOwnerOnly() throws Exception {
    server.reply("GET", "/api/v3/query_sql", 200, BODY);
    Path file = Files.writeString(home.resolve("tokens.csv"), "old and longer than the new one\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

    Result result = cli.run("show", "tokens", "--format", "csv", "--output", file.toString());

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(Files.readString(file)).isEqualTo(BODY);
    assertThat(mode(file)).isEqualTo("rw-------");
  }

  @Test
  void aSymbolicLinkTarget_isRefused_andNeitherItNorItsTargetChanges() throws Exception {
    server.reply("GET", "/api/v3/query_sql", 200, BODY);
    Path target = Files.writeString(home.resolve("precious"), "keep\n");
    Path link = Files.createSymbolicLink(home.resolve("tokens.csv"), target);

    Result result = cli.run("show", "tokens", "--format", "csv", "--output", link.toString());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("symbolic link");
    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(Files.readString(target)).isEqualTo("keep\n");
    assertThat(filesIn(home)).isEqualTo(2);
  }

  @Test
  void aServerError_leavesTheFileAsItWas() throws Exception {
    server.reply("GET", "/api/v3/query_sql", 500, "boom");
    Path file = Files.writeString(home.resolve("tokens.csv"), "previous\n");

    Result result = cli.run("show", "tokens", "--format", "csv", "--output", file.toString());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(Files.readString(file)).isEqualTo("previous\n");
    assertThat(filesIn(home)).isEqualTo(1);
  }

  @Test
  void aMissingDirectory_isAnErrorNamingIt() {
    server.reply("GET", "/api/v3/query_sql", 200, BODY);

    Result result =
        cli.run("show", "tokens", "--output", home.resolve("nowhere/tokens").toString());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("nowhere").contains("does not exist");
  }

  @Test
  void parquetWithoutOutput_isAUsageErrorSayingItNeedsOne_beforeAnyRequest() {
    Result result = cli.run("show", "tokens", "--format", "parquet");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("--format parquet").contains("requires --output FILE");
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void parquetWithOutput_isRefusedSayingWhy_andWritesNothing() throws Exception {
    Result result =
        cli.run(
            "show",
            "tokens",
            "--format",
            "parquet",
            "--output",
            home.resolve("t.parquet").toString());

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains(ShowTokensCommand.PARQUET_UNAVAILABLE);
    assertThat(server.requests()).isEmpty();
    assertThat(filesIn(home)).isZero();
  }
}
