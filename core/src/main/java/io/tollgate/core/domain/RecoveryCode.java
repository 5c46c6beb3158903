package io.tollgate.core.domain;

import java.util.Arrays;

/**
 * A human-handled recovery secret: 25 Crockford base32 characters (125 bits) in five groups of
 * five, e.g. {@code 7K3QX-…}. Held as a {@code char[]} so it can be wiped after use; {@link
 * #toString()} never reveals it.
 */
public final class RecoveryCode implements AutoCloseable {

  public static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  public static final int GROUPS = 5;
  public static final int GROUP_LENGTH = 5;
  public static final int BITS = GROUPS * GROUP_LENGTH * 5;

  private final char[] characters;

  private RecoveryCode(char[] characters) {
    this.characters = characters;
  }

  /** Wraps (does not copy) the 25 code characters; the caller hands over ownership. */
  public static RecoveryCode ofCharacters(char[] characters) {
    if (characters.length != GROUPS * GROUP_LENGTH) {
      throw new IllegalArgumentException("a recovery code has 25 characters");
    }
    return new RecoveryCode(characters);
  }

  /**
   * Parses what a person typed: case-insensitive, dashes and spaces ignored, and the look-alikes
   * O→0, I/L→1. Returns null when it cannot be a recovery code.
   */
  public static RecoveryCode parseOrNull(CharSequence typed) {
    if (typed == null || typed.length() > 64) {
      return null;
    }
    char[] out = new char[GROUPS * GROUP_LENGTH];
    int n = 0;
    for (int i = 0; i < typed.length(); i++) {
      char c = Character.toUpperCase(typed.charAt(i));
      if (c == '-' || c == ' ') {
        continue;
      }
      c = c == 'O' ? '0' : (c == 'I' || c == 'L') ? '1' : c;
      if (ALPHABET.indexOf(c) < 0 || n == out.length) {
        Arrays.fill(out, '\0');
        return null;
      }
      out[n++] = c;
    }
    if (n != out.length) {
      Arrays.fill(out, '\0');
      return null;
    }
    return new RecoveryCode(out);
  }

  /** The canonical 25 characters, without dashes: what is hashed. The caller must not keep it. */
  public char[] canonical() {
    return characters;
  }

  /** The grouped form shown to a person once: {@code XXXXX-XXXXX-XXXXX-XXXXX-XXXXX}. */
  public String grouped() {
    StringBuilder grouped = new StringBuilder(GROUPS * (GROUP_LENGTH + 1));
    for (int i = 0; i < characters.length; i++) {
      if (i > 0 && i % GROUP_LENGTH == 0) {
        grouped.append('-');
      }
      grouped.append(characters[i]);
    }
    return grouped.toString();
  }

  /** Overwrites the characters; the code is unusable afterwards. */
  public void wipe() {
    Arrays.fill(characters, '\0');
  }

  @Override
  public void close() {
    wipe();
  }

  @Override
  public String toString() {
    return "RecoveryCode[redacted]";
  }
}
