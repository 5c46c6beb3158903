package io.tollgate.core.domain;

import java.time.Instant;

/**
 * A requested lifetime in whole seconds, as {@code expiry_secs} carries it: 0 or absent means the
 * token never expires; a positive value expires that many seconds after creation.
 */
public record Lifetime(long seconds) {

  public static final Lifetime FOREVER = new Lifetime(0);

  public Lifetime {
    if (seconds < 0) {
      throw new InvalidExpiryException("expiry_secs must not be negative, got " + seconds);
    }
  }

  public static Lifetime ofSeconds(long seconds) {
    return new Lifetime(seconds);
  }

  /** Absent (null) and 0 both mean forever. */
  public static Lifetime ofNullableSeconds(Long seconds) {
    return seconds == null ? FOREVER : new Lifetime(seconds);
  }

  public boolean isForever() {
    return seconds == 0;
  }

  /** The expiry of a token created at {@code createdAt}; rejects anything past year 9999. */
  public Expiry expiryFrom(Instant createdAt) {
    if (isForever()) {
      return Expiry.NEVER;
    }
    long remaining = Expiry.LATEST.getEpochSecond() - createdAt.getEpochSecond();
    if (seconds > remaining) {
      throw new InvalidExpiryException("expiry_secs " + seconds + " ends after year 9999");
    }
    return Expiry.at(createdAt.plusSeconds(seconds));
  }
}
