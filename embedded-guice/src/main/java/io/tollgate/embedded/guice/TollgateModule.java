package io.tollgate.embedded.guice;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.tollgate.argon2.Argon2Module;
import io.tollgate.core.domain.ResourceTypes;
import io.tollgate.core.port.in.RecoveryCodeUseCase;
import io.tollgate.core.port.in.TokenAuthority;
import io.tollgate.core.port.out.RecoveryCodeHasher;
import io.tollgate.core.port.out.TokenStore;
import io.tollgate.core.service.RecoveryCodeService;
import io.tollgate.core.service.TokenService;
import io.tollgate.stores.StoreLocation;
import io.tollgate.stores.Stores;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Objects;

/**
 * Everything a Guice user needs in one module: {@link TollgateCoreModule}, the {@link TokenStore}
 * at a {@link StoreLocation} (by default the SQLite store in a data directory, which also keeps the
 * audit log and the recovery code) opened by {@link Stores}, Argon2id for recovery codes ({@code
 * Argon2Module}) and the {@link RecoveryCodeUseCase} built on them.
 *
 * <pre>{@code
 * Injector injector = Guice.createInjector(new TollgateModule(Path.of("/var/lib/myservice/tokens")));
 * TokenAuthority tollgate = injector.getInstance(TokenAuthority.class);
 * // ... on shutdown:
 * injector.getInstance(TokenStore.class).close();
 * }</pre>
 *
 * <p>Building the injector opens nothing: the store is opened when {@link TokenAuthority} (or
 * {@link TokenStore}) is first injected, and then fails with a {@link
 * io.tollgate.core.domain.StoreException} if it is in use or unusable. Whoever built the injector
 * closes the store. {@link TokenAuthority} is a thread-safe singleton.
 */
public final class TollgateModule extends AbstractModule {

  private final StoreLocation location;
  private final ResourceTypes resourceTypes;
  private final boolean trackLastUse;

  /**
   * @param dataDir the data directory; the database is {@code dataDir/tollgate.db}
   * @throws NullPointerException if {@code dataDir} is null
   */
  public TollgateModule(Path dataDir) {
    this(dataDir, ResourceTypes.builtIn());
  }

  /**
   * As above; resource tokens may name the types of {@code resourceTypes} ({@code db}, {@code
   * system} and those the application declares).
   *
   * @throws NullPointerException if an argument is null
   */
  public TollgateModule(Path dataDir, ResourceTypes resourceTypes) {
    this(new StoreLocation.SqliteDirectory(dataDir), resourceTypes);
  }

  /**
   * The store at {@code location}; resource tokens may name the types of {@code resourceTypes}.
   *
   * @throws NullPointerException if an argument is null
   */
  public TollgateModule(StoreLocation location, ResourceTypes resourceTypes) {
    this(location, resourceTypes, true);
  }

  /**
   * As above; {@code trackLastUse} as in {@link
   * TollgateCoreModule#TollgateCoreModule(ResourceTypes, boolean)}.
   *
   * @throws NullPointerException if an argument is null
   */
  public TollgateModule(StoreLocation location, ResourceTypes resourceTypes, boolean trackLastUse) {
    this.location = Objects.requireNonNull(location, "location");
    this.resourceTypes = Objects.requireNonNull(resourceTypes, "resourceTypes");
    this.trackLastUse = trackLastUse;
  }

  @Override
  protected void configure() {
    install(new TollgateCoreModule(resourceTypes, trackLastUse));
    install(new Argon2Module());
  }

  @Provides
  @Singleton
  TokenStore tokenStore() {
    return Stores.open(location);
  }

  @Provides
  @Singleton
  RecoveryCodeUseCase recoveryCodes(
      TokenService tokens, TokenStore store, RecoveryCodeHasher hasher, Clock clock) {
    return new RecoveryCodeService(tokens, store, hasher, new SecureRandom(), clock);
  }
}
