package io.tollgate.core.domain;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.HexFormat;

/**
 * A one-way digest of a token string, tagged with its algorithm. It is what the store keeps instead
 * of the token. Equality compares algorithm and digest bytes.
 *
 * <p>A value class rather than a record, for its size: the in-memory index holds one per stored
 * token, and the 64 digest bytes kept in eight {@code long} fields make it one 80-byte object,
 * where a record over a {@code byte[]} is two (104 bytes; 24 MB more per million tokens, and a
 * million more objects for the collector to copy while a large store loads). {@link #digest()}
 * gives out a new array each time, as the record did.
 */
public final class TokenHash {

  public static final String SHA512 = "sha512";
  private static final int SHA512_LENGTH = 64;
  private static final int SHORT_HEX_LENGTH = 9;
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  private final String algorithm;
  private final long d0;
  private final long d1;
  private final long d2;
  private final long d3;
  private final long d4;
  private final long d5;
  private final long d6;
  private final long d7;

  public TokenHash(String algorithm, byte[] digest) {
    if (!SHA512.equals(algorithm)) {
      throw new IllegalArgumentException("unsupported hash algorithm: " + algorithm);
    }
    if (digest == null || digest.length != SHA512_LENGTH) {
      throw new IllegalArgumentException("a sha512 digest has 64 bytes");
    }
    this.algorithm = SHA512;
    d0 = (long) LONGS.get(digest, 0);
    d1 = (long) LONGS.get(digest, 8);
    d2 = (long) LONGS.get(digest, 16);
    d3 = (long) LONGS.get(digest, 24);
    d4 = (long) LONGS.get(digest, 32);
    d5 = (long) LONGS.get(digest, 40);
    d6 = (long) LONGS.get(digest, 48);
    d7 = (long) LONGS.get(digest, 56);
  }

  public static TokenHash sha512(byte[] digest) {
    return new TokenHash(SHA512, digest);
  }

  public static TokenHash sha512Hex(String hex) {
    return new TokenHash(SHA512, HexFormat.of().parseHex(hex));
  }

  public String algorithm() {
    return algorithm;
  }

  /** The digest's bytes, in a new array. */
  public byte[] digest() {
    byte[] digest = new byte[SHA512_LENGTH];
    LONGS.set(digest, 0, d0);
    LONGS.set(digest, 8, d1);
    LONGS.set(digest, 16, d2);
    LONGS.set(digest, 24, d3);
    LONGS.set(digest, 32, d4);
    LONGS.set(digest, 40, d5);
    LONGS.set(digest, 48, d6);
    LONGS.set(digest, 56, d7);
    return digest;
  }

  /** The full digest in lower-case hex (128 characters for SHA-512). */
  public String hex() {
    return HexFormat.of().formatHex(digest());
  }

  /** The first nine hex characters, as listings show them. */
  public String shortHex() {
    return hex().substring(0, SHORT_HEX_LENGTH);
  }

  @Override
  public boolean equals(Object other) {
    // one algorithm today, so the digests decide; the algorithm is compared for when there are more
    return other instanceof TokenHash that
        && d0 == that.d0
        && d1 == that.d1
        && d2 == that.d2
        && d3 == that.d3
        && d4 == that.d4
        && d5 == that.d5
        && d6 == that.d6
        && d7 == that.d7
        && algorithm.equals(that.algorithm);
  }

  @Override
  public int hashCode() {
    // The digest is uniformly distributed: its first four bytes are as good as all sixty-four.
    return (int) (d0 >>> 32);
  }

  @Override
  public String toString() {
    return algorithm + ":" + shortHex();
  }
}
