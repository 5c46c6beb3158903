package io.tollgate.sqlite;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.tollgate.core.port.out.TokenStore;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Binds {@link TokenStore} and {@link SqliteStore} to one SQLite store in a data directory. The
 * store is opened when first injected, never while the injector is being built; whoever creates the
 * injector closes the store.
 */
public final class SqliteModule extends AbstractModule {

  private final Path dataDir;

  public SqliteModule(Path dataDir) {
    this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
  }

  @Provides
  @Singleton
  SqliteStore sqliteStore() {
    return SqliteStores.open(dataDir);
  }

  @Provides
  @Singleton
  TokenStore tokenStore(SqliteStore store) {
    return store;
  }
}
