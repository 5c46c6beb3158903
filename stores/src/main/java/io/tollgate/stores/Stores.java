package io.tollgate.stores;

import io.tollgate.core.port.out.TokenStore;
import io.tollgate.postgres.PostgresOptions;
import io.tollgate.postgres.PostgresStores;
import io.tollgate.sqlite.SqliteStores;
import java.util.Objects;

/**
 * Opens the {@link TokenStore} at a {@link StoreLocation}: the one place that knows every kind of
 * store. The library ({@code Tollgate.builder()}), the Guice module and the server all open their
 * store here, so adding a store means a new {@link StoreLocation} and a branch in {@link
 * #open(StoreLocation)}, nothing else.
 */
public final class Stores {

  private Stores() {}

  /**
   * Opens (or creates) the store at {@code location}, owned by the caller until it is closed.
   *
   * @param location where the store is
   * @return the open store
   * @throws io.tollgate.core.domain.StoreException if the store cannot be opened; the message says
   *     where and why (for SQLite as {@code io.tollgate.sqlite.SqliteStores.open} documents)
   * @throws NullPointerException if {@code location} is null
   */
  public static TokenStore open(StoreLocation location) {
    Objects.requireNonNull(location, "location");
    if (location instanceof StoreLocation.SqliteDirectory sqlite) {
      return SqliteStores.open(sqlite.dataDir());
    }
    if (location instanceof StoreLocation.PostgresUrl postgres) {
      return PostgresStores.open(
          postgres.url(), PostgresOptions.DEFAULTS.withMaxStaleness(postgres.maxStaleness()));
    }
    // unreachable while StoreLocation is sealed and every permitted location has a branch above
    throw new IllegalArgumentException("no store can be opened at " + location);
  }
}
