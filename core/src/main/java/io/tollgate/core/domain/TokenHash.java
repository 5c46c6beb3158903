package io.tollgate.core.domain;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A one-way digest of a token string, tagged with its algorithm. It is what the store keeps instead
 * of the token. Equality compares algorithm and digest bytes.
 */
public record TokenHash(String algorithm, byte[] digest) {

  public static final String SHA512 = "sha512";
  private static final int SHA512_LENGTH = 64;
  private static final int SHORT_HEX_LENGTH = 9;

  public TokenHash {
    if (!SHA512.equals(algorithm)) {
      throw new IllegalArgumentException("unsupported hash algorithm: " + algorithm);
    }
    if (digest == null || digest.length != SHA512_LENGTH) {
      throw new IllegalArgumentException("a sha512 digest has 64 bytes");
    }
    digest = digest.clone();
  }

  public static TokenHash sha512(byte[] digest) {
    return new TokenHash(SHA512, digest);
  }

  public static TokenHash sha512Hex(String hex) {
    return new TokenHash(SHA512, HexFormat.of().parseHex(hex));
  }

  @Override
  public byte[] digest() {
    return digest.clone();
  }

  /** The full digest in lower-case hex (128 characters for SHA-512). */
  public String hex() {
    return HexFormat.of().formatHex(digest);
  }

  /** The first nine hex characters, as listings show them. */
  public String shortHex() {
    return hex().substring(0, SHORT_HEX_LENGTH);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof TokenHash that
        && algorithm.equals(that.algorithm)
        && Arrays.equals(digest, that.digest);
  }

  @Override
  public int hashCode() {
    // The digest is uniformly distributed: its first four bytes are as good as all sixty-four.
    return (digest[0] & 0xff) << 24
        | (digest[1] & 0xff) << 16
        | (digest[2] & 0xff) << 8
        | (digest[3] & 0xff);
  }

  @Override
  public String toString() {
    return algorithm + ":" + shortHex();
  }
}
