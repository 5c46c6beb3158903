package io.tollgate.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.core.memory.InMemoryTokenStore;
import io.tollgate.sqlite.SqliteStores;
import io.tollgate.stores.StoreLocation;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The builder chooses the store once: a data directory, a location, or a store already open. */
class TollgateStoreChoiceTest {

  @TempDir Path dir;

  @Test
  void aStoreGivenToTheBuilder_isUsed_andClosedWithTheInstance() {
    String secret;
    try (Tollgate tollgate = Tollgate.builder().store(SqliteStores.open(dir)).open()) {
      secret = tollgate.createOperatorToken().secret().value();
      assertThat(tollgate.toString()).contains(dir.toString());
    }
    // closed with the instance: the directory can be opened again
    try (Tollgate reopened = Tollgate.builder().dataDirectory(dir).open()) {
      assertThat(reopened.authenticate(secret).isAuthenticated()).isTrue();
    }
  }

  @Test
  void aLocation_isOpenedByTheOneFactory() {
    try (Tollgate tollgate =
        Tollgate.builder().location(new StoreLocation.SqliteDirectory(dir)).open()) {
      tollgate.createOperatorToken();
    }
    assertThat(SqliteStores.readTokens(dir)).hasSize(1);
  }

  @Test
  void theLastChoice_wins() {
    try (Tollgate tollgate =
        Tollgate.builder().dataDirectory(dir).store(new InMemoryTokenStore()).open()) {
      tollgate.createOperatorToken();
    }
    assertThat(dir.resolve("tollgate.db")).doesNotExist();
  }

  @Test
  void openingWithoutAStore_isRefusedClearly() {
    assertThatThrownBy(() -> Tollgate.builder().open())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("choose a store");
  }
}
