package io.tollgate.app;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.tollgate.core.crypto.SecureRandomSecretGenerator;
import io.tollgate.core.crypto.Sha512TokenHasher;
import io.tollgate.core.port.in.TokenAuthority;
import io.tollgate.core.port.out.AuditLog;
import io.tollgate.core.port.out.SecretGenerator;
import io.tollgate.core.port.out.TokenHasher;
import io.tollgate.core.port.out.TokenRepository;
import io.tollgate.core.service.TokenService;
import java.time.Clock;

/**
 * Core's services for Guice. Core itself knows no framework, so its module lives here. Needs a
 * {@link TokenRepository} and an {@link AuditLog} from a store module (e.g. {@code SqliteModule}).
 */
public final class CoreModule extends AbstractModule {

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
      TokenRepository repository,
      TokenHasher hasher,
      SecretGenerator generator,
      Clock clock,
      AuditLog audit) {
    return new TokenService(repository, hasher, generator, clock, audit);
  }
}
