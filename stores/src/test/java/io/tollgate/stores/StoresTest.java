package io.tollgate.stores;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.core.domain.StoreException;
import io.tollgate.core.domain.TokenName;
import io.tollgate.core.port.out.TokenStore;
import io.tollgate.sqlite.SqliteStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoresTest {

  @TempDir Path tempDir;

  @Test
  void aSqliteDirectory_opensTheSqliteStoreInIt_ownedUntilClosed() {
    Path dataDir = tempDir.resolve("data");

    try (TokenStore store = Stores.open(new StoreLocation.SqliteDirectory(dataDir))) {
      assertThat(store).isInstanceOf(SqliteStore.class);
      assertThat(((SqliteStore) store).databaseFile()).isEqualTo(dataDir.resolve("tollgate.db"));
      assertThat(store.tokens().findByName(TokenName.OPERATOR)).isEmpty();
      assertThatThrownBy(() -> Stores.open(new StoreLocation.SqliteDirectory(dataDir)))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining(dataDir.toString());
    }
    assertThat(Files.isRegularFile(dataDir.resolve("tollgate.db"))).isTrue();
    Stores.open(new StoreLocation.SqliteDirectory(dataDir)).close();
  }

  @Test
  void aLocation_needsItsPlace() {
    assertThatThrownBy(() -> new StoreLocation.SqliteDirectory(null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> Stores.open(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void aPostgresUrl_opensThePostgresStore_andNeverPrintsItsPassword() {
    StoreLocation location =
        new StoreLocation.PostgresUrl("postgresql://tollgate:s3cretpw@127.0.0.1:1/tollgate");

    assertThat(location.toString()).contains("tollgate:***@127.0.0.1:1").doesNotContain("s3cretpw");
    assertThatThrownBy(() -> Stores.open(location))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("127.0.0.1")
        .satisfies(e -> assertThat(String.valueOf(e)).doesNotContain("s3cretpw"));
  }

  @Test
  void aJdbcPostgresUrl_hidesThePasswordParameter() {
    StoreLocation location =
        new StoreLocation.PostgresUrl(
            "jdbc:postgresql://db:5432/t?user=u&password=s3cretpw&ssl=true", Duration.ofSeconds(2));

    assertThat(location.toString())
        .contains("password=***&ssl=true", "PT2S")
        .doesNotContain("s3cretpw");
    assertThat(new StoreLocation.PostgresUrl("postgresql://u@h/d").maxStaleness())
        .isEqualTo(Duration.ofSeconds(10));
  }
}
