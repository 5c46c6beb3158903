package io.tollgate.core.domain;

/** The 64-bit identity of a token. Ids are allocated increasing from 0 and never reused. */
public record TokenId(long value) implements Comparable<TokenId> {

  public TokenId {
    if (value < 0) {
      throw new IllegalArgumentException("token id must not be negative: " + value);
    }
  }

  public static TokenId of(long value) {
    return new TokenId(value);
  }

  @Override
  public int compareTo(TokenId other) {
    return Long.compare(value, other.value);
  }

  @Override
  public String toString() {
    return Long.toString(value);
  }
}
