package io.tollgate.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import com.google.inject.Injector;
import io.tollgate.core.port.out.TokenStore;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteModuleTest {

  @TempDir Path tempDir;

  @Test
  void createInjector_opensNothingUntilTheStoreIsFirstNeeded() {
    Path dataDir = tempDir.resolve("data");

    Guice.createInjector(new SqliteModule(dataDir));

    assertThat(dataDir).doesNotExist();
  }

  @Test
  void injector_bindsTheTokenStoreAndTheSqliteStoreToOneSingleton() {
    Path dataDir = tempDir.resolve("data");
    Injector injector = Guice.createInjector(new SqliteModule(dataDir));

    SqliteStore store = injector.getInstance(SqliteStore.class);
    try (store) {
      assertThat(injector.getInstance(TokenStore.class)).isSameAs(store);
      assertThat(injector.getInstance(SqliteStore.class)).isSameAs(store);
      assertThat(store.databaseFile()).isEqualTo(dataDir.resolve("tollgate.db"));
    }
  }
}
