package io.tollgate.core.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A presented credential's {@code credential_fp} (SPEC section 10): the first 16 hex digits of
 * HMAC-SHA256 under a key of the caller's, so that the audit can tell "the same wrong token 3,000
 * times" from "3,000 guesses" without holding anything that could be tried as a token. The key
 * never leaves this object; {@link #toString()} does not show it. Thread-safe.
 */
public final class CredentialFingerprint {

  /** The key length {@link #random} uses, in bytes. */
  public static final int KEY_BYTES = 32;

  private static final int MIN_KEY_BYTES = 16;
  private static final String ALGORITHM = "HmacSHA256";

  private final byte[] key;
  private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

  /**
   * @param key at least 16 bytes, copied
   */
  public CredentialFingerprint(byte[] key) {
    if (key == null || key.length < MIN_KEY_BYTES) {
      throw new IllegalArgumentException(
          "a fingerprint key has at least " + MIN_KEY_BYTES + " bytes");
    }
    this.key = key.clone();
  }

  /** A fingerprint under a fresh random key of {@link #KEY_BYTES} bytes. */
  public static CredentialFingerprint random(SecureRandom random) {
    byte[] key = new byte[KEY_BYTES];
    random.nextBytes(key);
    try {
      return new CredentialFingerprint(key);
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  /** The first 16 lower-case hex digits of HMAC-SHA256(key, UTF-8 of {@code credential}). */
  public String of(String credential) {
    Mac mac = macs.get();
    byte[] digest = mac.doFinal(credential.getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(digest, 0, 8);
  }

  private Mac newMac() {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(key, ALGORITHM));
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java platform provides " + ALGORITHM, e);
    }
  }

  @Override
  public String toString() {
    return "CredentialFingerprint[key redacted]";
  }
}
