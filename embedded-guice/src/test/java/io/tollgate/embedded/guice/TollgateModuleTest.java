package io.tollgate.embedded.guice;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import io.tollgate.core.domain.ResourceTypes;
import io.tollgate.core.memory.InMemoryTokenStore;
import io.tollgate.core.port.in.TokenAuthority;
import io.tollgate.core.port.out.TokenStore;
import io.tollgate.sqlite.SqliteStore;
import io.tollgate.stores.StoreLocation;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TollgateModuleTest {

  @TempDir Path dir;

  @Test
  void tollgateModule_givesASingletonAuthority_overTheStoreInTheDirectory() {
    Path dataDir = dir.resolve("tokens");
    Injector injector = Guice.createInjector(new TollgateModule(dataDir));
    assertThat(dataDir).as("building the injector opens nothing").doesNotExist();

    TokenAuthority authority = injector.getInstance(TokenAuthority.class);
    try {
      assertThat(injector.getInstance(TokenAuthority.class)).isSameAs(authority);
      String secret = authority.createOperatorToken().secret().value();
      assertThat(authority.authenticate(secret).isAuthenticated()).isTrue();
      assertThat(Files.exists(dataDir.resolve("tollgate.db"))).isTrue();
    } finally {
      injector.getInstance(TokenStore.class).close();
    }
    Injector reopened = Guice.createInjector(new TollgateModule(dataDir));
    try {
      assertThat(reopened.getInstance(TokenAuthority.class).listTokens()).hasSize(1);
    } finally {
      reopened.getInstance(TokenStore.class).close();
    }
  }

  @Test
  void tollgateModule_opensTheStoreAtItsLocation_throughTheOneFactory() {
    Path dataDir = dir.resolve("tokens");
    Injector injector =
        Guice.createInjector(
            new TollgateModule(
                new StoreLocation.SqliteDirectory(dataDir), ResourceTypes.builtIn()));

    TokenStore store = injector.getInstance(TokenStore.class);
    try (store) {
      assertThat(store).isInstanceOf(SqliteStore.class);
      assertThat(((SqliteStore) store).databaseFile()).isEqualTo(dataDir.resolve("tollgate.db"));
      assertThat(injector.getInstance(TokenStore.class)).isSameAs(store);
      injector.getInstance(TokenAuthority.class).createOperatorToken();
      assertThat(store.auditLog().entries()).hasSize(1);
    }
  }

  @Test
  void coreModule_worksWithAnyStoreModule() {
    Injector injector =
        Guice.createInjector(
            new TollgateCoreModule(),
            new AbstractModule() {
              @Override
              protected void configure() {
                bind(TokenStore.class).toInstance(new InMemoryTokenStore());
              }
            });
    TokenAuthority authority = injector.getInstance(TokenAuthority.class);
    assertThat(authority.createOperatorToken().token().id().value()).isZero();
  }
}
