package io.tollgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.cli.CliRunner.Result;
import io.tollgate.core.domain.Expiry;
import io.tollgate.core.domain.Permissions;
import io.tollgate.core.domain.Token;
import io.tollgate.core.domain.TokenHash;
import io.tollgate.core.domain.TokenId;
import io.tollgate.core.domain.TokenName;
import io.tollgate.core.domain.TokenStatus;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code last_used_at} in {@code show tokens}: the last column, {@code never} in pretty output. */
class ShowTokensLastUseTest {

  private static final String USED = "2026-01-01T10:00:00.000Z";
  private static final String ROWS =
      "[{\"token_id\":0,\"name\":\"_admin\",\"hash\":\"13dcea61a\",\"created_at\":"
          + "\"2025-04-18T14:02:45.331Z\",\"permissions\":\"*:*:*\",\"status\":\"active\","
          + "\"last_used_at\":\""
          + USED
          + "\"},{\"token_id\":1,\"name\":\"ci\",\"hash\":\"4e7c5874f\",\"created_at\":"
          + "\"2025-04-18T14:02:46.331Z\",\"permissions\":\"*:*:*\",\"status\":\"active\"}]";

  @TempDir Path home;
  FakeInfluxServer server;

  @BeforeEach
  void start() throws Exception {
    server = FakeInfluxServer.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void pretty_onATerminal_showsTheLastUse_andNeverForATokenNotUsed() {
    server.reply("GET", "/api/v3/query_sql", 200, ROWS);
    CliRunner cli =
        new CliRunner(home).env("TOLLGATE_HOST_URL", server.url()).env("COLUMNS", "400");

    Result result = cli.run("show", "tokens");

    assertThat(result.exitCode()).as(result.err()).isZero();
    List<String> lines = result.out().lines().toList();
    assertThat(lines.get(1)).endsWith("| status | last_used_at             |");
    assertThat(result.out())
        .contains("| active | " + USED + " |")
        .contains("| active | never                    |");
  }

  @Test
  void theLocalTable_hasTheColumnLast_neverInPretty_emptyInCsv_absentInJson() {
    Token unused =
        new Token(
            TokenId.of(1),
            TokenName.of("ci"),
            new TokenHash(TokenHash.SHA512, new byte[64]),
            Instant.parse("2025-04-18T14:02:46.331Z"),
            null,
            null,
            null,
            Expiry.NEVER,
            null,
            TokenStatus.ACTIVE,
            Permissions.ADMIN);
    Token used = unused.withLastUsedAt(Instant.parse(USED));
    TokenTable table = new TokenTable();

    assertThat(TokenTable.header()).last().isEqualTo("last_used_at");
    assertThat(table.render(List.of(unused), ShowTokensCommand.Format.PRETTY, 400))
        .contains("| never        |");
    assertThat(table.render(List.of(used), ShowTokensCommand.Format.PRETTY, 400))
        .contains("| " + USED + " |");
    assertThat(table.render(List.of(unused), ShowTokensCommand.Format.CSV, 400))
        .endsWith(",active,\n");
    assertThat(table.render(List.of(used), ShowTokensCommand.Format.CSV, 400))
        .endsWith(",active," + USED + "\n");
    assertThat(table.render(List.of(unused), ShowTokensCommand.Format.JSON, 400))
        .doesNotContain("last_used_at");
    assertThat(table.render(List.of(used), ShowTokensCommand.Format.JSON, 400))
        .endsWith("\"status\":\"active\",\"last_used_at\":\"" + USED + "\"}]");
  }
}
