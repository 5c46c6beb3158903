package io.tollgate.embedded.guice;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.tollgate.core.crypto.SecureRandomSecretGenerator;
import io.tollgate.core.crypto.Sha512TokenHasher;
import io.tollgate.core.domain.ResourceTypes;
import io.tollgate.core.port.in.TokenAuthority;
import io.tollgate.core.port.out.SecretGenerator;
import io.tollgate.core.port.out.TokenHasher;
import io.tollgate.core.port.out.TokenStore;
import io.tollgate.core.service.TokenService;
import java.time.Clock;
import java.util.Objects;

/**
 * Core's services for Guice: binds {@link TokenAuthority} (a singleton, thread-safe), the SHA-512
 * {@link TokenHasher}, the {@link SecretGenerator} and the system UTC {@link Clock}. Core itself
 * knows no framework, so its module lives here.
 *
 * <p>Needs a {@link TokenStore} bound by another module, for example {@code
 * bind(TokenStore.class).toInstance(new InMemoryTokenStore())}; {@link TollgateModule} installs
 * this module with one. Building the injector opens nothing and logs nothing.
 */
public final class TollgateCoreModule extends AbstractModule {

  private final ResourceTypes resourceTypes;
  private final boolean trackLastUse;

  /**
   * A module with the bindings above, for the built-in resource types {@code db} and {@code
   * system}.
   */
  public TollgateCoreModule() {
    this(ResourceTypes.builtIn());
  }

  /**
   * As above; resource tokens may name the types of {@code resourceTypes}.
   *
   * @throws NullPointerException if {@code resourceTypes} is null
   */
  public TollgateCoreModule(ResourceTypes resourceTypes) {
    this(resourceTypes, true);
  }

  /**
   * As above; {@code trackLastUse} false leaves last use alone. When it is tracked, whoever built
   * the injector calls {@link TokenService#flushLastUse()} on a schedule and before closing the
   * store, or the last uses stay in memory.
   *
   * @throws NullPointerException if {@code resourceTypes} is null
   */
  public TollgateCoreModule(ResourceTypes resourceTypes, boolean trackLastUse) {
    this.resourceTypes = Objects.requireNonNull(resourceTypes, "resourceTypes");
    this.trackLastUse = trackLastUse;
  }

  @Override
  protected void configure() {
    bind(TokenHasher.class).to(Sha512TokenHasher.class).in(Singleton.class);
    bind(SecretGenerator.class).to(SecureRandomSecretGenerator.class).in(Singleton.class);
    bind(TokenAuthority.class).to(TokenService.class);
  }

  @Provides
  @Singleton
  Clock clock() {
    return Clock.systemUTC();
  }

  @Provides
  @Singleton
  Sha512TokenHasher sha512TokenHasher() {
    return new Sha512TokenHasher();
  }

  @Provides
  @Singleton
  SecureRandomSecretGenerator secretGenerator() {
    return new SecureRandomSecretGenerator();
  }

  @Provides
  @Singleton
  TokenService tokenService(
      TokenStore store, TokenHasher hasher, SecretGenerator generator, Clock clock) {
    return new TokenService(store, hasher, generator, clock, resourceTypes, trackLastUse);
  }
}
