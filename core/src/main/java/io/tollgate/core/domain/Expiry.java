package io.tollgate.core.domain;

import java.time.Instant;
import java.util.Optional;

/**
 * When a token stops being valid: never, or at an instant (millisecond precision). A token is valid
 * while its expiry is strictly after now.
 */
public record Expiry(Instant instant) {

  /** The last representable expiry: the end of year 9999. */
  public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");

  public static final Expiry NEVER = new Expiry(null);

  public Expiry {
    if (instant != null) {
      if (instant.isAfter(LATEST)) {
        throw new InvalidExpiryException("expiry must not be after year 9999");
      }
      instant = Instant.ofEpochMilli(instant.toEpochMilli());
    }
  }

  public static Expiry never() {
    return NEVER;
  }

  public static Expiry at(Instant instant) {
    if (instant == null) {
      throw new InvalidExpiryException("expiry instant is required");
    }
    return new Expiry(instant);
  }

  public static Expiry atEpochMilli(long epochMilli) {
    return at(Instant.ofEpochMilli(epochMilli));
  }

  public boolean isNever() {
    return instant == null;
  }

  /** The instant this expires, empty when it never does. */
  public Optional<Instant> asInstant() {
    return Optional.ofNullable(instant);
  }

  /** True while {@code now} is strictly before the expiry. */
  public boolean isValidAt(Instant now) {
    return instant == null || instant.isAfter(now);
  }

  /** True while {@code nowMillis} is strictly before the expiry; the allocation-free form. */
  public boolean isValidAtMillis(long nowMillis) {
    return instant == null || instant.toEpochMilli() > nowMillis;
  }

  @Override
  public String toString() {
    return instant == null ? "never" : instant.toString();
  }
}
