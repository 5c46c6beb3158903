package io.tollgate.http;

import io.tollgate.core.domain.TokenSecret;
import io.tollgate.core.port.out.SecretGenerator;
import java.util.concurrent.atomic.AtomicInteger;

/** Deterministic token strings for golden tests: apiv3_test-secret-0001, -0002, … */
final class FixedSecrets implements SecretGenerator {
  private final AtomicInteger next = new AtomicInteger(1);

  static String secret(int n) {
    return String.format("apiv3_test-secret-%04d", n);
  }

  @Override
  public TokenSecret generate() {
    return new TokenSecret(secret(next.getAndIncrement()));
  }
}
