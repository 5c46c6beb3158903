package io.tollgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.cli.BindAddress;
import io.tollgate.cli.ServeOptions;
import io.tollgate.cli.StoreUrl;
import io.tollgate.stores.StoreLocation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TollgateServerLauncherStoreTest {

  private static final BindAddress BIND = new BindAddress("127.0.0.1", 0);

  @Test
  void withoutStore_serveKeepsItsTokensInSqliteInTheDataDir() {
    ServeOptions options = ServeOptions.builder(BIND, Path.of("/var/lib/tollgate")).build();

    assertThat(TollgateServerLauncher.storeLocation(options))
        .isEqualTo(new StoreLocation.SqliteDirectory(Path.of("/var/lib/tollgate")));
  }

  @Test
  void withStore_serveOpensThatPostgresDatabase_withItsMaxStaleness() {
    ServeOptions options =
        ServeOptions.builder(BIND, Path.of("/var/lib/tollgate"))
            .store(Optional.of(new StoreUrl("postgresql://u:pw@db.example/t")))
            .maxStaleness(Duration.ofSeconds(2))
            .build();

    assertThat(TollgateServerLauncher.storeLocation(options))
        .isEqualTo(
            new StoreLocation.PostgresUrl("postgresql://u:pw@db.example/t", Duration.ofSeconds(2)));
  }
}
