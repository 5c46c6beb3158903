package io.tollgate.sqlite;

import static io.tollgate.core.testing.TestTokens.newToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.core.domain.StoreException;
import io.tollgate.core.domain.Token;
import io.tollgate.core.domain.TokenName;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reads in plain JDBC on the reader connections ({@link SqliteTokenStore#readPlain}): they see
 * committed rows, share the connections with the reads through Jdbi, and a driver failure reaches
 * the caller as a store error naming what failed.
 */
class PlainReadsTest {

  @TempDir Path tempDir;
  private SqliteTokenStore store;

  @BeforeEach
  void open() {
    store = (SqliteTokenStore) SqliteStores.open(tempDir.resolve("data"));
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void aPlainRead_seesCommittedRows_andAReadThroughJdbiOnTheSameReaderWorksAfterIt() {
    Token ci = store.tokens().insert(newToken("ci"));

    long count =
        store.readPlain(
            "cannot count",
            connection -> {
              try (Statement statement = connection.createStatement();
                  ResultSet rs = statement.executeQuery("SELECT count(*) FROM tokens")) {
                rs.next();
                return rs.getLong(1);
              }
            });

    assertThat(count).isEqualTo(1);
    assertThat(store.tokens().findByName(TokenName.of("ci"))).contains(ci);
    assertThat(store.tokens().findById(ci.id())).contains(ci);
    assertThat(store.tokens().findByName(TokenName.of("absent"))).isEmpty();
  }

  @Test
  void aDriverFailure_isAStoreErrorNamingTheActionAndTheFile() {
    assertThatThrownBy(
            () ->
                store.readPlain(
                    "cannot read the widgets",
                    connection -> {
                      try (Statement statement = connection.createStatement()) {
                        return statement.executeQuery("SELECT * FROM widgets").next();
                      }
                    }))
        .isInstanceOf(StoreException.class)
        .hasMessageStartingWith("cannot read the widgets: ")
        .hasMessageContaining(store.databaseFile().toString())
        .hasCauseInstanceOf(SQLException.class);

    assertThat(store.tokens().findAll()).isEmpty();
  }

  @Test
  void aPlainRead_ofAClosedStore_isRefused() {
    store.close();

    assertThatThrownBy(() -> store.tokens().findByName(TokenName.of("ci")))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("is closed");
  }
}
