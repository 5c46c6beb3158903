package io.tollgate.bench;

import io.tollgate.core.crypto.SecureRandomSecretGenerator;
import io.tollgate.core.crypto.Sha512TokenHasher;
import io.tollgate.core.domain.Expiry;
import io.tollgate.core.domain.NewToken;
import io.tollgate.core.domain.TokenName;
import io.tollgate.core.domain.TokenSecret;
import io.tollgate.core.memory.InMemoryTokenStore;
import java.time.Instant;
import java.util.SplittableRandom;

/** The stored tokens of the in-process authentication benchmarks. */
final class SeededTokens {
  private SeededTokens() {}

  /**
   * Stores {@code count} named admin tokens {@code token-0…} in {@code store}; returns the secret
   * of one of them, the same position in every run (chosen with seed 42).
   */
  static String seed(
      InMemoryTokenStore store,
      Sha512TokenHasher hasher,
      SecureRandomSecretGenerator generator,
      int count) {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");
    int chosen = new SplittableRandom(42).nextInt(count);
    String valid = null;
    for (int i = 0; i < count; i++) {
      TokenSecret secret = generator.generate();
      store
          .tokens()
          .insert(
              new NewToken(
                  TokenName.of("token-" + i),
                  hasher.hash(secret.value()),
                  now,
                  null,
                  Expiry.NEVER,
                  null));
      if (i == chosen) {
        valid = secret.value();
      }
    }
    return valid;
  }
}
