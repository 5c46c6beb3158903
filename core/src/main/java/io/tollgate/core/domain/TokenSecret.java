package io.tollgate.core.domain;

/**
 * A plaintext token string such as {@code apiv3_…}. It exists only between generation and the one
 * response that shows it; {@link #toString()} never reveals it.
 */
public record TokenSecret(String value) {

  public static final String PREFIX = "apiv3_";

  /** The shortest token accepted from outside (an imported token file). */
  public static final int MIN_IMPORTED_LENGTH = 40;

  public TokenSecret {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException("token secret must not be empty");
    }
  }

  /** A token string brought in from outside: must start with {@code apiv3_}, 40+ characters. */
  public static TokenSecret imported(String value) {
    if (value == null || !value.startsWith(PREFIX)) {
      throw new InvalidTokenSecretException("token must start with " + PREFIX);
    }
    if (value.length() < MIN_IMPORTED_LENGTH) {
      throw new InvalidTokenSecretException(
          "token must be at least " + MIN_IMPORTED_LENGTH + " characters");
    }
    if (!value.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
      throw new InvalidTokenSecretException("token must be printable ASCII without spaces");
    }
    return new TokenSecret(value);
  }

  @Override
  public String toString() {
    return "TokenSecret[redacted]";
  }
}
