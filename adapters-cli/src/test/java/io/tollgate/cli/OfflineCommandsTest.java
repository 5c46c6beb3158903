package io.tollgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.cli.CliRunner.Result;
import io.tollgate.core.domain.Description;
import io.tollgate.core.domain.Expiry;
import io.tollgate.core.domain.Token;
import io.tollgate.core.domain.TokenHash;
import io.tollgate.core.domain.TokenId;
import io.tollgate.core.domain.TokenName;
import io.tollgate.core.domain.TokenStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** recovery list, recovery create-operator, backup and restore against a recording store. */
class OfflineCommandsTest {

  private static final Instant T0 = Instant.parse("2025-04-18T14:02:45.331Z");

  @TempDir Path home;

  private static Token token(long id, String name, String description, Instant expiry) {
    return new Token(
        TokenId.of(id),
        TokenName.of(name),
        TokenHash.sha512(HexFormat.of().parseHex(("0123456789abcdef" + "00".repeat(56)))),
        T0,
        id == 0 ? null : TokenId.of(0),
        id == 0 ? T0.plusSeconds(1) : null,
        id == 0 ? TokenId.of(0) : null,
        expiry == null ? Expiry.NEVER : Expiry.at(expiry),
        description == null ? null : Description.of(description),
        TokenStatus.ACTIVE,
        Token.ADMIN_PERMISSIONS);
  }

  private static final List<Token> TOKENS =
      List.of(
          token(0, "_admin", null, null),
          token(1, "ci, \"main\"", "deploys", Instant.parse("2026-01-01T00:00:00Z")));

  // --- recovery list ---

  @Test
  void recoveryList_defaultsToTheServeDataDirAndPrettyTable() {
    CliRunner cli = new CliRunner(home).stores(new FakeLocalStores().tokens(TOKENS));

    Result result = cli.run("recovery", "list");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(cli.stores().calls()).containsExactly("list " + home.resolve(".tollgate"));
    assertThat(result.out())
        .startsWith("+----------+")
        .contains("| token_id | name")
        .contains("| 0        | _admin")
        .contains("| 012345678 ")
        .contains("*:*:*")
        .contains("active");
  }

  @Test
  void recoveryList_prettyFitsColumns_asOneRecordPerToken_andParquetIsRefused() {
    CliRunner cli =
        new CliRunner(home).env("COLUMNS", "60").stores(new FakeLocalStores().tokens(TOKENS));

    Result pretty = cli.run("recovery", "list");
    Result parquet = cli.run("recovery", "list", "--format", "parquet");

    assertThat(pretty.out()).contains("-[ RECORD 2 ]").contains("name                | ci, ");
    assertThat(pretty.out().lines()).allMatch(line -> line.length() <= 60);
    assertThat(parquet.exitCode()).isEqualTo(2);
    assertThat(parquet.err()).contains("--format parquet is not available here");
  }

  @Test
  void recoveryList_printsNoBidiOrInvisibleCharactersFromTheStore() {
    List<Token> tokens = List.of(token(1, "ci", "left\u202eright\u200b.", null));
    CliRunner cli = new CliRunner(home).stores(new FakeLocalStores().tokens(tokens));

    Result pretty = cli.run("recovery", "list");
    Result csv = cli.run("recovery", "list", "--format", "csv");
    Result json = cli.run("recovery", "list", "--format", "json");

    assertThat(pretty.out()).contains("| leftright. ").doesNotContain("\u202e", "\u200b");
    assertThat(csv.out()).contains(",leftright.,").doesNotContain("\u202e", "\u200b");
    assertThat(json.out())
        .contains("\"description\":\"left\\u202Eright\\u200B.\"")
        .doesNotContain("\u202e", "\u200b");
  }

  @Test
  void recoveryList_json_jsonl_csv_haveTheShowTokensColumnsAndOmitNulls() {
    CliRunner cli =
        new CliRunner(home)
            .env("TOLLGATE_DATA_DIR", "/from-env")
            .stores(new FakeLocalStores().tokens(TOKENS));

    Result json = cli.run("recovery", "list", "--format", "json");
    Result jsonl = cli.run("recovery", "list", "--format", "jsonl", "--data-dir", "~/d");
    Result csv = cli.run("recovery", "list", "--format", "CSV");

    assertThat(json.out())
        .isEqualTo(
            "[{\"token_id\":0,\"name\":\"_admin\",\"hash\":\"012345678\","
                + "\"created_at\":\"2025-04-18T14:02:45.331Z\","
                + "\"updated_at\":\"2025-04-18T14:02:46.331Z\",\"updated_by_token_id\":0,"
                + "\"permissions\":\"*:*:*\",\"status\":\"active\"},"
                + "{\"token_id\":1,\"name\":\"ci, \\\"main\\\"\",\"hash\":\"012345678\","
                + "\"created_at\":\"2025-04-18T14:02:45.331Z\",\"description\":\"deploys\","
                + "\"created_by_token_id\":0,\"expiry\":\"2026-01-01T00:00:00.000Z\","
                + "\"permissions\":\"*:*:*\",\"status\":\"active\"}]\n");
    assertThat(jsonl.out().lines()).hasSize(2).allMatch(l -> l.startsWith("{\"token_id\":"));
    assertThat(csv.out())
        .isEqualTo(
            "token_id,name,hash,created_at,description,created_by_token_id,updated_at,"
                + "updated_by_token_id,expiry,permissions,status,last_used_at\n"
                + "0,_admin,012345678,2025-04-18T14:02:45.331Z,,,2025-04-18T14:02:46.331Z,0,,"
                + "*:*:*,active,\n"
                + "1,\"ci, \"\"main\"\"\",012345678,2025-04-18T14:02:45.331Z,deploys,0,,,"
                + "2026-01-01T00:00:00.000Z,*:*:*,active,\n");
    assertThat(cli.stores().calls())
        .containsExactly(
            "list " + Path.of("/from-env"),
            "list " + home.resolve("d"),
            "list " + Path.of("/from-env"));
  }

  @Test
  void recoveryList_storeFailure_isOneLineAndExit1() {
    CliRunner cli =
        new CliRunner(home)
            .stores(new FakeLocalStores().failing("there is no Tollgate store in /x"));

    Result result = cli.run("recovery", "list", "--data-dir", "/x");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).isEqualTo("error: there is no Tollgate store in /x\n");
    assertThat(result.out()).isEmpty();
  }

  // --- recovery create-operator ---

  @Test
  void createOperator_printsTheTokenOnceInTheCreateTokenTextBlock() {
    CliRunner cli = new CliRunner(home);

    Result result = cli.run("recovery", "create-operator", "--data-dir", "/srv/t");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(cli.stores().calls()).containsExactly("createOrRegenerateOperator /srv/t");
    assertThat(result.out())
        .isEqualTo(
            "\nNew token created successfully!\n\nToken: "
                + FakeLocalStores.SECRET
                + "\nHTTP Requests Header: Authorization: Bearer "
                + FakeLocalStores.SECRET
                + "\n\nIMPORTANT: Store this token securely, as it will not be shown again.\n");
    assertThat(result.err()).isEqualTo("Created the operator token _admin in /srv/t.\n");
  }

  @Test
  void createOperator_regenerating_saysTheOldTokenIsGone_andJsonIsLikeCreateToken() {
    CliRunner cli = new CliRunner(home).stores(new FakeLocalStores().operatorExists(true));

    Result result = cli.run("recovery", "create-operator", "--format", "json");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out())
        .startsWith("{\n  \"token\": \"" + FakeLocalStores.SECRET + "\",\n  \"help_msg\": ")
        .endsWith("\"\n}\n");
    assertThat(result.err())
        .contains("Regenerated the operator token _admin in " + home.resolve(".tollgate"))
        .contains("no longer works")
        .doesNotContain(FakeLocalStores.SECRET);
  }

  @Test
  void createOperator_refusedByTheLock_isExit1WithTheStoreMessage() {
    CliRunner cli =
        new CliRunner(home)
            .stores(
                new FakeLocalStores()
                    .failing("data directory /srv/t is in use by another process (pid 42)"));

    Result result = cli.run("recovery", "create-operator", "--data-dir", "/srv/t");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("/srv/t is in use").doesNotContain("apiv3_");
    assertThat(result.out()).isEmpty();
  }

  // --- backup ---

  @Test
  void backup_passesDataDirOutputAndForce() throws Exception {
    CliRunner cli = new CliRunner(home);
    Path existing = home.resolve("old.db");
    Files.writeString(existing, "x");

    Result fresh = cli.run("backup", "--data-dir", "/d", "--output", "~/new.db");
    Result forced = cli.run("backup", "--output", existing.toString(), "--force");

    assertThat(fresh.exitCode()).as(fresh.err()).isZero();
    assertThat(fresh.out()).isEqualTo("Backup of /d written to " + home.resolve("new.db") + "\n");
    assertThat(forced.exitCode()).isZero();
    assertThat(cli.stores().calls())
        .containsExactly(
            "backup /d " + home.resolve("new.db") + " replace=false",
            "backup " + home.resolve(".tollgate") + " " + existing + " replace=true");
  }

  @Test
  void backup_refusesAnExistingOutputWithoutForce_andCallsNothing() throws Exception {
    CliRunner cli = new CliRunner(home);
    Path existing = home.resolve("old.db");
    Files.writeString(existing, "keep");

    Result result = cli.run("backup", "--output", existing.toString());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err())
        .contains(existing + " already exists")
        .contains("hint: use --force to replace it");
    assertThat(cli.stores().calls()).isEmpty();
    assertThat(Files.readString(existing)).isEqualTo("keep");
  }

  // --- restore ---

  @Test
  void restore_withoutAnExistingStore_asksNothing() {
    CliRunner cli = new CliRunner(home);

    Result result = cli.run("restore", "--input", "/b/backup.db", "--data-dir", "~/fresh");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.err()).isEmpty();
    assertThat(result.out())
        .isEqualTo("Restored " + home.resolve("fresh") + " from /b/backup.db\n");
    assertThat(cli.stores().calls())
        .containsExactly(
            "verifyBackup /b/backup.db", "restore /b/backup.db " + home.resolve("fresh"));
  }

  @Test
  void restore_overAnExistingStore_asksOnStderr_andYesProceeds() throws Exception {
    Files.createDirectories(home.resolve(".tollgate"));
    Files.writeString(home.resolve(".tollgate/tollgate.db"), "current");
    CliRunner cli = new CliRunner(home).stdin("y\n");

    Result result = cli.run("restore", "--input", "/b.db");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.err())
        .isEqualTo(
            "Are you sure you want to replace the store in "
                + home.resolve(".tollgate")
                + " with /b.db? Its current tokens will be lost. Enter 'yes' to confirm\n");
    assertThat(cli.stores().calls()).last().isEqualTo("restore /b.db " + home.resolve(".tollgate"));
  }

  @Test
  void restore_withNoAnswerOnStdinSaysHowToSkipTheConfirmation() throws Exception {
    Files.createDirectories(home.resolve(".tollgate"));
    Files.writeString(home.resolve(".tollgate/tollgate.db"), "current");
    CliRunner cli = new CliRunner(home).stdin("");

    Result result = cli.run("restore", "--input", "/b.db");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err())
        .contains("error: Cannot restore without confirmation")
        .endsWith(
            "hint: stdin gave no answer (not a terminal?): pass --yes to skip this"
                + " confirmation\n");
    assertThat(cli.stores().calls()).containsExactly("verifyBackup /b.db");
  }

  @ParameterizedTest
  @CsvSource({"no", "''", "YES please"})
  void restore_declined_changesNothing(String answer) throws Exception {
    Files.createDirectories(home.resolve(".tollgate"));
    Files.writeString(home.resolve(".tollgate/tollgate.db"), "current");
    CliRunner cli = new CliRunner(home).stdin(answer + "\n");

    Result result = cli.run("restore", "--input", "/b.db");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("error: Cannot restore without confirmation");
    assertThat(cli.stores().calls()).containsExactly("verifyBackup /b.db");
  }

  @Test
  void restore_yes_skipsTheQuestion() throws Exception {
    Files.createDirectories(home.resolve(".tollgate"));
    Files.writeString(home.resolve(".tollgate/tollgate.db"), "current");
    CliRunner cli = new CliRunner(home);

    Result result = cli.run("restore", "--input", "/b.db", "--yes");

    assertThat(result.exitCode()).isZero();
    assertThat(result.err()).isEmpty();
    assertThat(cli.stores().calls()).hasSize(2);
  }

  @Test
  void restore_anUnrestorableBackup_isRefusedBeforeAnyQuestion() throws Exception {
    Files.createDirectories(home.resolve(".tollgate"));
    Files.writeString(home.resolve(".tollgate/tollgate.db"), "current");
    CliRunner cli =
        new CliRunner(home)
            .stores(new FakeLocalStores().failing("cannot restore: /b.db is not a Tollgate store"));

    Result result = cli.run("restore", "--input", "/b.db");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).isEqualTo("error: cannot restore: /b.db is not a Tollgate store\n");
    assertThat(cli.stores().calls()).containsExactly("verifyBackup /b.db");
  }

  // --- usage errors ---

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "recovery | missing subcommand",
        "recovery lst | Unmatched argument",
        "recovery list --format xml | expected one of pretty, json, jsonl, csv",
        "recovery list --token x | Unknown options: '--token'",
        "recovery list --data-dir | Missing required parameter for option '--data-dir'",
        "recovery create-operator --format csv | expected one of text, json",
        "recovery create-operator --yes | Unknown option: '--yes'",
        "backup | Missing required option: '--output=FILE'",
        "backup --output | Missing required parameter for option '--output'",
        "backup --output a.db extra | Unmatched argument",
        "restore | Missing required option: '--input=FILE'",
        "restore --input b.db --force | Unknown option: '--force'",
      })
  void usageErrors_exit2AndTouchNoStore(String args, String message) {
    CliRunner cli = new CliRunner(home);

    Result result = cli.run(args.split(" "));

    assertThat(result.exitCode()).as(result.err()).isEqualTo(2);
    assertThat(result.err()).startsWith("error: ").contains(message).contains("--help");
    assertThat(cli.stores().calls()).isEmpty();
  }
}
