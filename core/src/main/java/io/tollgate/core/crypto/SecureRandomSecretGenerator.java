package io.tollgate.core.crypto;

import io.tollgate.core.domain.TokenSecret;
import io.tollgate.core.port.out.SecretGenerator;
import java.security.SecureRandom;
import java.util.Base64;

/** {@code apiv3_} followed by 64 bytes of {@link SecureRandom}, base64url without padding. */
public final class SecureRandomSecretGenerator implements SecretGenerator {

  static final int RANDOM_BYTES = 64;
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

  private final SecureRandom random;

  public SecureRandomSecretGenerator() {
    this(new SecureRandom());
  }

  public SecureRandomSecretGenerator(SecureRandom random) {
    this.random = random;
  }

  @Override
  public TokenSecret generate() {
    byte[] bytes = new byte[RANDOM_BYTES];
    random.nextBytes(bytes);
    return new TokenSecret(TokenSecret.PREFIX + ENCODER.encodeToString(bytes));
  }
}
