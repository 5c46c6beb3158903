package io.tollgate.core.domain;

import java.text.Normalizer;
import java.util.Locale;

/**
 * A token's unique name: 1 to 128 characters of valid Unicode, no control or invisible format
 * characters (bidi controls, zero-width characters), not only whitespace. {@code _admin} is the
 * operator token's name; {@link #named(String)} refuses it, and no name may merely look like it
 * (normalise to it under NFKC, case kept, as the fullwidth {@code ＿ａｄｍｉｎ} does).
 */
public record TokenName(String value) {

  public static final int MAX_LENGTH = 128;
  private static final String OPERATOR_NAME = "_admin";
  public static final TokenName OPERATOR = new TokenName(OPERATOR_NAME);

  public TokenName {
    if (value == null) {
      throw new InvalidTokenNameException("token name is required");
    }
    int length = value.codePointCount(0, value.length());
    if (length < 1 || length > MAX_LENGTH) {
      throw new InvalidTokenNameException(
          "token name must be 1 to " + MAX_LENGTH + " characters, got " + length);
    }
    boolean ascii = rejectInvalidCharacters(value);
    if (value.isBlank()) {
      throw new InvalidTokenNameException("token name must not be only whitespace");
    }
    if (!ascii && OPERATOR_NAME.equals(Normalizer.normalize(value, Normalizer.Form.NFKC))) {
      throw new InvalidTokenNameException(
          "token name must not look like " + OPERATOR_NAME + ", the operator token's name");
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
    return OPERATOR_NAME.equals(value);
  }

  /**
   * Lone surrogates (text that is not valid Unicode), control characters, line and paragraph
   * separators, and format characters: bidi controls, zero-width spaces and joiners, the BOM. A
   * loop rather than a stream: every stored name is checked again when the index loads.
   *
   * @return whether the name is plain ASCII (and so its own NFKC form)
   */
  private static boolean rejectInvalidCharacters(String value) {
    boolean ascii = true;
    for (int i = 0; i < value.length(); ) {
      int codePoint = value.codePointAt(i);
      int type = Character.getType(codePoint);
      if (type == Character.SURROGATE) {
        throw new InvalidTokenNameException(
            "token name must be valid Unicode, found a lone surrogate " + codePointName(codePoint));
      }
      if (type == Character.CONTROL
          || type == Character.LINE_SEPARATOR
          || type == Character.PARAGRAPH_SEPARATOR) {
        throw new InvalidTokenNameException("token name must not contain control characters");
      }
      if (type == Character.FORMAT) {
        throw new InvalidTokenNameException(
            "token name must not contain invisible format characters (bidi controls, zero-width"
                + " characters), found "
                + codePointName(codePoint));
      }
      ascii &= codePoint < 0x80;
      i += Character.charCount(codePoint);
    }
    return ascii;
  }

  private static String codePointName(int codePoint) {
    return String.format(Locale.ROOT, "U+%04X", codePoint);
  }

  @Override
  public String toString() {
    return value;
  }
}
