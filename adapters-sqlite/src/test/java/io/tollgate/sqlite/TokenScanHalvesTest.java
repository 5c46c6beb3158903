package io.tollgate.sqlite;

import static io.tollgate.core.testing.TestTokens.newResourceToken;
import static io.tollgate.core.testing.TestTokens.newToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.core.domain.Token;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link TokenScan#findAllChecked} over a wide id span reads two halves at once, on two
 * connections: the same tokens and the same problems, in the same order, as one scan.
 */
class TokenScanHalvesTest {

  @TempDir Path tempDir;
  private Path database;

  /** 40 tokens (ids 0-39, every fourth a resource token), two of them breaking a rule. */
  @BeforeEach
  void fill() {
    Path dir = tempDir.resolve("data");
    try (SqliteStore store = SqliteStores.open(dir)) {
      for (int i = 0; i < 40; i++) {
        store
            .tokens()
            .insert(i % 4 == 0 ? newResourceToken("r" + i, "db:a:read") : newToken("t" + i));
      }
    }
    database = dir.resolve(SqliteStores.DATABASE_FILE_NAME);
    try (RawSqlite raw = RawSqlite.open(database)) {
      raw.execute("UPDATE tokens SET name = 'bad' || char(1) || id WHERE id IN (3, 31)");
    }
  }

  private Connection connect() throws SQLException {
    return DriverManager.getConnection("jdbc:sqlite:" + database);
  }

  private record Scan(List<Token> tokens, List<String> problems) {}

  private Scan scan(TokenScan.SecondConnection second, long parallelSpan) throws SQLException {
    List<String> problems = new ArrayList<>();
    try (Connection connection = connect()) {
      List<Token> tokens =
          TokenScan.findAllChecked(
              connection, Migrations.LATEST, problems::add, second, parallelSpan);
      return new Scan(tokens, problems);
    }
  }

  @Test
  void twoHalves_giveWhatOneScanGives_inIdOrder() throws SQLException {
    AtomicInteger opened = new AtomicInteger();
    TokenScan.SecondConnection second =
        () -> {
          opened.incrementAndGet();
          return connect();
        };

    Scan whole = scan(null, 10);
    Scan halves = scan(second, 10);

    assertThat(opened).hasValue(1);
    assertThat(halves).isEqualTo(whole);
    assertThat(halves.tokens()).hasSize(38);
    assertThat(halves.tokens())
        .extracting(token -> token.id().value())
        .isSorted()
        .doesNotContain(3L, 31L);
    assertThat(halves.problems())
        .hasSize(2)
        .satisfies(p -> assertThat(p.get(0)).startsWith("token 3 "))
        .satisfies(p -> assertThat(p.get(1)).startsWith("token 31 "));
  }

  @Test
  void aSpanBelowTheThreshold_isReadInOneScan() throws SQLException {
    AtomicInteger opened = new AtomicInteger();

    Scan scan =
        scan(
            () -> {
              opened.incrementAndGet();
              return connect();
            },
            40);

    assertThat(opened).hasValue(0);
    assertThat(scan.tokens()).hasSize(38);
  }

  @Test
  void aSecondHalfThatCannotBeRead_failsTheScan() {
    assertThatThrownBy(
            () ->
                scan(
                    () -> {
                      throw new SQLException("no second connection");
                    },
                    10))
        .isInstanceOf(SQLException.class)
        .hasMessage("no second connection");
  }
}
