package io.tollgate.core.testing;

import io.tollgate.core.domain.TokenSecret;
import io.tollgate.core.port.out.SecretGenerator;
import java.util.concurrent.atomic.AtomicInteger;

/** Predictable token strings for tests: {@code apiv3_test-token-0}, {@code …-1}, … */
public final class SequentialSecretGenerator implements SecretGenerator {

  private final AtomicInteger next = new AtomicInteger();

  @Override
  public TokenSecret generate() {
    return new TokenSecret("apiv3_test-token-" + next.getAndIncrement());
  }
}
