package io.tollgate.core.crypto;

import io.tollgate.core.domain.TokenHash;
import io.tollgate.core.port.out.TokenHasher;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-512 of the UTF-8 bytes of the whole token string, prefix included. Thread-safe. */
public final class Sha512TokenHasher implements TokenHasher {

  private static final ThreadLocal<MessageDigest> DIGEST =
      ThreadLocal.withInitial(Sha512TokenHasher::newDigest);

  @Override
  public TokenHash hash(String tokenString) {
    MessageDigest digest = DIGEST.get();
    digest.reset();
    return TokenHash.sha512(digest.digest(tokenString.getBytes(StandardCharsets.UTF_8)));
  }

  private static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-512");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform provides SHA-512", e);
    }
  }
}
