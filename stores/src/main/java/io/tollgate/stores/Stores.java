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

  /**
   * Copies the whole store at {@code from} into the empty store at {@code to} ({@code tollgate
   * store copy}): tokens with their ids, hashes, permissions, status and times, the id counter (ids
   * stay never reused), the imported hashes, the audit log and its fingerprint key, the recovery
   * code's hash, and the identity (cluster id), so every token authenticates against the copy as
   * against the source. Written in one transaction on the target, then read back and compared token
   * by token. Both stores are opened here as by {@link #open}: a SQLite directory is locked for the
   * copy, so one a running server holds is refused. The source is only read.
   *
   * @return the counts the target holds after the copy
   * @throws IllegalArgumentException if {@code from} and {@code to} are the same store
   * @throws io.tollgate.core.domain.StoreException if the source directory holds no store, either
   *     store cannot be opened (in use, unreachable), the target is not empty (nothing is written),
   *     the write fails (the target stays empty), or the target read back differs from the source;
   *     messages never show a password. When the copy fails after it created a SQLite store (the
   *     target directory held no database), it removes that store again, and the directory when the
   *     copy created it too
   */
  public static StoreCopyReport copy(StoreLocation from, StoreLocation to) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    return StoreCopy.copy(from, to);
  }
}
