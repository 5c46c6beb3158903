package io.tollgate.core.domain;

/**
 * A token's unique name: 1 to 128 characters, no control characters, not only whitespace. {@code
 * _admin} is the operator token's name; {@link #named(String)} refuses it.
 */
public record TokenName(String value) {

  public static final int MAX_LENGTH = 128;
  public static final TokenName OPERATOR = new TokenName("_admin");

  public TokenName {
    if (value == null) {
      throw new InvalidTokenNameException("token name is required");
    }
    int length = value.codePointCount(0, value.length());
    if (length < 1 || length > MAX_LENGTH) {
      throw new InvalidTokenNameException(
          "token name must be 1 to " + MAX_LENGTH + " characters, got " + length);
    }
    if (hasControl(value)) {
      throw new InvalidTokenNameException("token name must not contain control characters");
    }
    if (value.isBlank()) {
      throw new InvalidTokenNameException("token name must not be only whitespace");
    }
  }

  /** Any valid name, including the operator's. */
  public static TokenName of(String value) {
    return new TokenName(value);
  }

  /** A name for a named admin token: valid and not the reserved operator name. */
  public static TokenName named(String value) {
    TokenName name = new TokenName(value);
    if (name.isOperator()) {
      throw new InvalidTokenNameException(
          "token name " + OPERATOR.value + " is reserved for the operator token");
    }
    return name;
  }

  public boolean isOperator() {
    return OPERATOR.value.equals(value);
  }

  /** A loop rather than a stream: every stored name is checked again when the index loads. */
  private static boolean hasControl(String value) {
    for (int i = 0; i < value.length(); ) {
      int codePoint = value.codePointAt(i);
      if (isControl(codePoint)) {
        return true;
      }
      i += Character.charCount(codePoint);
    }
    return false;
  }

  private static boolean isControl(int codePoint) {
    int type = Character.getType(codePoint);
    return type == Character.CONTROL
        || type == Character.FORMAT && (codePoint == 0x2028 || codePoint == 0x2029)
        || type == Character.LINE_SEPARATOR
        || type == Character.PARAGRAPH_SEPARATOR;
  }

  @Override
  public String toString() {
    return value;
  }
}
