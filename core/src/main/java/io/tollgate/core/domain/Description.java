package io.tollgate.core.domain;

/** Free text an operator attaches to a token: at most 1,024 characters, no control characters. */
public record Description(String value) {

  public static final int MAX_LENGTH = 1024;

  public Description {
    if (value == null) {
      throw new InvalidDescriptionException("description must not be null");
    }
    int length = value.codePointCount(0, value.length());
    if (length > MAX_LENGTH) {
      throw new InvalidDescriptionException(
          "description must be at most " + MAX_LENGTH + " characters, got " + length);
    }
    if (value.codePoints().anyMatch(c -> Character.getType(c) == Character.CONTROL)) {
      throw new InvalidDescriptionException("description must not contain control characters");
    }
  }

  public static Description of(String value) {
    return new Description(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
