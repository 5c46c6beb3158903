package io.tollgate.core.service;

import io.tollgate.core.crypto.Sha512TokenHasher;
import io.tollgate.core.domain.Actor;
import io.tollgate.core.domain.IssuedToken;
import io.tollgate.core.domain.Lifetime;
import io.tollgate.core.domain.TokenName;
import io.tollgate.core.memory.InMemoryTokenStore;
import io.tollgate.core.port.in.CreateNamedAdminTokenUseCase.CreateNamedAdminTokenCommand;
import io.tollgate.core.port.out.TokenStore;
import io.tollgate.core.testing.MutableClock;
import io.tollgate.core.testing.SequentialSecretGenerator;
import java.time.Clock;
import java.time.Instant;

/**
 * What the TokenService tests share: a clock standing at {@link #T0}, an in-memory store and a
 * service over both, fresh for each test (JUnit makes a new test instance per method).
 */
final class TokenServiceFixture {
  static final Instant T0 = Instant.parse("2025-04-18T14:02:45.331Z");

  final MutableClock clock = new MutableClock(T0);
  final InMemoryTokenStore store = new InMemoryTokenStore();
  final TokenService service = newService();

  /** A second service over the same store and clock, as after a restart. */
  TokenService newService() {
    return serviceOver(store, clock);
  }

  static TokenService serviceOver(TokenStore store, Clock clock) {
    return new TokenService(store, new Sha512TokenHasher(), new SequentialSecretGenerator(), clock);
  }

  IssuedToken createNamed(String name, Long expirySecs) {
    return service.createNamedAdminToken(
        new CreateNamedAdminTokenCommand(
            TokenName.named(name), Lifetime.ofNullableSeconds(expirySecs), null, Actor.BOOTSTRAP));
  }
}
