package io.tollgate.embedded;

import io.tollgate.core.domain.ResourceType;
import io.tollgate.core.domain.ResourceTypes;
import io.tollgate.core.memory.InMemoryTokenStore;
import io.tollgate.core.port.out.TokenStore;
import io.tollgate.stores.StoreLocation;
import io.tollgate.stores.Stores;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Configures and opens a {@link Tollgate}: a clock, resource types, and the store, chosen once
 * ({@link #dataDirectory(Path)}, {@link #location(StoreLocation)} or {@link #store(TokenStore)}).
 * Not thread-safe; use one per thread.
 */
public final class TollgateBuilder {

  private Clock clock = Clock.systemUTC();
  private ResourceTypes resourceTypes = ResourceTypes.builtIn();
  private StoreLocation location;
  private TokenStore store;
  private Duration lastUsedInterval = DEFAULT_LAST_USED_INTERVAL;

  /** How often a durable instance writes last-use times unless told otherwise: 60 seconds. */
  public static final Duration DEFAULT_LAST_USED_INTERVAL = Duration.ofSeconds(60);

  TollgateBuilder() {}

  /**
   * How often last-use times are written to a durable store (default 60 s), each time in one batch;
   * a crash loses at most this much of them. {@link Duration#ZERO} turns last-use tracking off.
   *
   * @param interval at least one second, or zero
   * @return this builder
   * @throws IllegalArgumentException if {@code interval} is negative or between zero and a second
   * @throws NullPointerException if {@code interval} is null
   */
  public TollgateBuilder lastUsedInterval(Duration interval) {
    Objects.requireNonNull(interval, "interval");
    if (interval.isNegative()
        || (!interval.isZero() && interval.compareTo(Duration.ofSeconds(1)) < 0)) {
      throw new IllegalArgumentException(
          "the last-used interval must be at least 1 second, or zero for off");
    }
    this.lastUsedInterval = interval;
    return this;
  }

  /**
   * Declares a resource type of your application beside the built-in {@code db} and {@code system},
   * so that resource tokens can be given permissions on it and routes can require them.
   *
   * <pre>{@code
   * Tollgate.builder().resourceType(ResourceType.anyName("orders", "read", "write")).open(dir);
   * }</pre>
   *
   * @param type the type, its actions and (optionally) its names
   * @return this builder
   * @throws io.tollgate.core.domain.InvalidPermissionException if a type of that name exists
   */
  public TollgateBuilder resourceType(ResourceType type) {
    this.resourceTypes = resourceTypes.with(Objects.requireNonNull(type, "type"));
    return this;
  }

  /**
   * The clock that stamps created_at and updated_at and decides whether a token has expired.
   *
   * @param clock the clock; timestamps are kept in UTC with millisecond precision
   * @return this builder
   * @throws NullPointerException if {@code clock} is null
   */
  public TollgateBuilder clock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return this;
  }

  /**
   * Keeps the tokens in the SQLite store in {@code dataDir} (see {@link Tollgate#open(Path)});
   * replaces any store chosen before. Throws {@link NullPointerException} if it is null.
   */
  public TollgateBuilder dataDirectory(Path dataDir) {
    return location(new StoreLocation.SqliteDirectory(dataDir));
  }

  /**
   * Keeps the tokens in the store at {@code location}, opened by {@link #open()}; replaces any
   * store chosen before. Throws {@link NullPointerException} if it is null.
   */
  public TollgateBuilder location(StoreLocation location) {
    this.location = Objects.requireNonNull(location, "location");
    this.store = null;
    return this;
  }

  /**
   * Keeps the tokens in {@code store}, open and used by no other instance; replaces any store
   * chosen before. The instance {@link #open()} returns owns it and closes it on {@link
   * Tollgate#close()}. Throws {@link NullPointerException} if it is null.
   */
  public TollgateBuilder store(TokenStore store) {
    this.store = Objects.requireNonNull(store, "store");
    this.location = null;
    return this;
  }

  /**
   * Opens an instance on the store chosen before; close it to release the store.
   *
   * @throws io.tollgate.core.domain.StoreException if the store cannot be opened or read, as {@link
   *     Tollgate#open(Path)} describes for a data directory
   * @throws IllegalStateException if no store was chosen
   */
  public Tollgate open() {
    if (store == null && location == null) {
      throw new IllegalStateException(
          "choose a store first: dataDirectory(dir), location(location) or store(store)");
    }
    TokenStore opened = store != null ? store : Stores.open(location);
    try {
      return new Tollgate(
          opened,
          clock,
          resourceTypes,
          "Tollgate[" + opened + "]",
          lastUsedInterval,
          !(opened instanceof InMemoryTokenStore));
    } catch (RuntimeException e) {
      opened.close();
      throw e;
    }
  }

  /**
   * Opens the durable store in {@code dataDir}, as {@link Tollgate#open(Path)} does (and throws):
   * {@code dataDirectory(dataDir).open()}.
   */
  public Tollgate open(Path dataDir) {
    return dataDirectory(dataDir).open();
  }

  /** An open in-memory instance, as {@link Tollgate#inMemory()} gives. */
  public Tollgate inMemory() {
    return store(new InMemoryTokenStore()).open();
  }
}
