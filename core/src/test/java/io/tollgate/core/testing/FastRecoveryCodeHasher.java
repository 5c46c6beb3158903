package io.tollgate.core.testing;

import io.tollgate.core.port.out.RecoveryCodeHasher;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A quick stand-in for Argon2id in tests of the code paths around it: an unsalted SHA-256, so the
 * code itself never appears in the "hash". Never for production.
 */
public final class FastRecoveryCodeHasher implements RecoveryCodeHasher {

  public static final String PREFIX = "test-sha256$";

  @Override
  public String hash(char[] code) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] bytes = new String(code).getBytes(StandardCharsets.UTF_8);
      return PREFIX + HexFormat.of().formatHex(digest.digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public boolean verify(String encodedHash, char[] code) {
    return MessageDigest.isEqual(
        encodedHash.getBytes(StandardCharsets.UTF_8), hash(code).getBytes(StandardCharsets.UTF_8));
  }
}
