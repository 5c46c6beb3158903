package io.tollgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.cli.CliRunner.Result;
import io.tollgate.core.text.PrettyTable;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pretty output fitted to the terminal: {@code COLUMNS}, else the terminal, else unlimited. */
class PrettyWidthTest {

  private static final String DESCRIPTION =
      "Deploys every service from the main branch; owned by the platform team, rotated yearly";
  private static final String NAME = "ci-deploy";
  private static final String ROWS =
      "[{\"token_id\":0,\"name\":\"_admin\",\"hash\":\"13dcea61a\","
          + "\"created_at\":\"2025-04-18T14:02:45.331Z\",\"permissions\":\"*:*:*\","
          + "\"status\":\"active\"},"
          + "{\"token_id\":12345,\"name\":\""
          + NAME
          + "\",\"hash\":\"4e7c5874f\",\"created_at\":\"2025-04-18T14:02:46.331Z\","
          + "\"description\":\""
          + DESCRIPTION
          + "\",\"created_by_token_id\":0,\"expiry\":\"2026-04-18T14:02:46.331Z\","
          + "\"permissions\":\"*:*:*\",\"status\":\"active\"}]";

  @TempDir Path home;
  FakeInfluxServer server;

  @BeforeEach
  void start() throws Exception {
    server = FakeInfluxServer.start();
    server.reply("GET", "/api/v3/query_sql", 200, ROWS);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private Result show(String columns) {
    return new CliRunner(home)
        .env("TOLLGATE_HOST_URL", server.url())
        .env("COLUMNS", columns)
        .run("show", "tokens");
  }

  private static List<String> lines(String text) {
    return text.lines().toList();
  }

  @Test
  void at215Columns_theTableFits_theDescriptionCutWithAnEllipsis_namesAndIdsWhole() {
    Result result = show("215");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(server.requests().get(0).rawQuery()).endsWith("&format=json");
    assertThat(lines(result.out()))
        .allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(215));
    assertThat(lines(result.out())).first().asString().startsWith("+").hasSize(215);
    assertThat(result.out())
        .contains("| " + NAME + " ")
        .contains("| 12345 ")
        .contains("| 4e7c5874f ")
        .contains(DESCRIPTION.substring(0, 20))
        .doesNotContain(DESCRIPTION)
        .contains("\u2026 |");
  }

  @Test
  void at60Columns_eachTokenIsARecord_everyLineFits_namesIdsAndHashWhole() {
    Result result = show("60");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(lines(result.out()))
        .allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(60));
    assertThat(result.out())
        .contains("-[ RECORD 1 ]")
        .contains("-[ RECORD 2 ]")
        .contains("name                | " + NAME + "\n")
        .contains("token_id            | 12345\n")
        .contains("hash                | 4e7c5874f\n")
        .contains("description         | " + DESCRIPTION.substring(0, 37) + "\u2026\n")
        .contains("updated_at          |\n");
    assertThat(lines(result.out())).noneMatch(line -> line.endsWith(" "));
  }

  @Test
  void wideEnough_isTheUsualTableUncut() {
    Result result = show("400");

    assertThat(result.out()).contains(DESCRIPTION).doesNotContain("\u2026");
  }

  @Test
  void notATerminal_andNoColumns_isTheServersTableAsIs() {
    server.reply("GET", "/api/v3/query_sql", 200, "+---+\n| x |\n+---+\n");

    Result result =
        new CliRunner(home).env("TOLLGATE_HOST_URL", server.url()).run("show", "tokens");

    assertThat(result.out()).isEqualTo("+---+\n| x |\n+---+\n");
    assertThat(server.requests().get(0).rawQuery()).endsWith("&format=pretty");
  }

  @Test
  void theHash_isShortenedWhenCuttingTheDescriptionIsNotEnough() {
    List<String> header = List.of("name", "hash", "description");
    List<List<String>> rows = List.of(List.of("ci-deploy", "4e7c5874f", DESCRIPTION));
    // natural with the description at its narrowest (11): 1 + (9+3) + (9+3) + (11+3) = 39
    String table = PrettyTable.render(header, rows, 36, TokenTable.SHRINKABLE);

    assertThat(table)
        .contains("| ci-deploy | 4e7c5\u2026 | " + DESCRIPTION.substring(0, 10) + "\u2026 |");
    assertThat(lines(table)).allSatisfy(line -> assertThat(line).hasSize(36));
  }

  @Test
  void noRows_isTheHeaderTableWhateverTheWidth() {
    String table =
        PrettyTable.render(List.of("token_id", "name"), List.of(), 10, TokenTable.SHRINKABLE);

    assertThat(table).isEqualTo("+----------+------+\n| token_id | name |\n+----------+------+\n");
  }

  @Test
  void terminalWidth_isColumns_elseUnlimitedOffATerminal() {
    assertThat(TerminalWidth.of(env("COLUMNS", "91", false))).isEqualTo(91);
    assertThat(TerminalWidth.of(env("COLUMNS", "0", false))).isEqualTo(TerminalWidth.UNLIMITED);
    assertThat(TerminalWidth.of(env("COLUMNS", "wide", false))).isEqualTo(TerminalWidth.UNLIMITED);
    assertThat(TerminalWidth.of(env("OTHER", "1", false))).isEqualTo(TerminalWidth.UNLIMITED);
  }

  private CliEnvironment env(String name, String value, boolean terminal) {
    return new CliEnvironment(
        java.util.Map.of(name, value),
        new java.io.ByteArrayInputStream(new byte[0]),
        new java.io.PrintWriter(new java.io.StringWriter()),
        new java.io.PrintWriter(new java.io.StringWriter()),
        terminal,
        java.time.Clock.systemUTC(),
        home);
  }
}
