package io.tollgate.cli;

import java.util.Locale;

/**
 * Text from outside the CLI (a server's error body, token names and descriptions in a listing, a
 * token string) made safe to print on a terminal: nothing in it can move the cursor, clear the
 * screen, set the window title, plant a hyperlink or reorder what follows.
 *
 * <p>Unsafe are: the C0 controls except newline and tab, DEL, the C1 controls, Unicode format
 * characters (bidi controls, zero-width characters, the BOM), the line and paragraph separators and
 * lone surrogates. {@link #printable} removes them, and removes escape sequences whole (CSI such as
 * {@code ESC[2J}, OSC such as the hyperlink {@code ESC]8;;URL BEL}, and the other string sequences
 * up to their terminator), so no parameter or URL is left behind. {@link #escapedForJson} keeps
 * JSON faithful instead: it writes each unsafe character as a {@code \}{@code uXXXX} escape, which
 * a JSON reader decodes back to the same text.
 */
final class TerminalText {

  private static final char ESC = 0x1B;
  private static final char BEL = 0x07;
  private static final char C1_DCS = 0x90;
  private static final char C1_SOS = 0x98;
  private static final char C1_CSI = 0x9B;
  private static final char C1_ST = 0x9C;
  private static final char C1_OSC = 0x9D;
  private static final char C1_PM = 0x9E;
  private static final char C1_APC = 0x9F;

  private TerminalText() {}

  /** {@code text} without escape sequences and unsafe characters; null stays null. */
  static String printable(String text) {
    if (text == null || isSafe(text)) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == ESC && i + 1 < text.length()) {
        i = skipEscapeSequence(text, i + 1);
      } else if (c == C1_CSI) {
        i = skipControlSequence(text, i + 1);
      } else if (c == C1_OSC || c == C1_DCS || c == C1_SOS || c == C1_PM || c == C1_APC) {
        i = skipString(text, i + 1);
      } else {
        int codePoint = text.codePointAt(i);
        if (!isUnsafe(codePoint)) {
          out.appendCodePoint(codePoint);
        }
        i += Character.charCount(codePoint);
      }
    }
    return out.toString();
  }

  /**
   * {@code json} with every unsafe character written as a JSON {@code \}{@code uXXXX} escape. Valid
   * JSON stays valid and means the same; the terminal sees only printable characters.
   */
  static String escapedForJson(String json) {
    if (json == null || isSafe(json)) {
      return json;
    }
    StringBuilder out = new StringBuilder(json.length() + 16);
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      if (isUnsafe(unpaired(json, i))) {
        out.append(String.format(Locale.ROOT, "\\u%04X", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** Whether printing {@code codePoint} could act on the terminal or hide what follows. */
  static boolean isUnsafe(int codePoint) {
    if (codePoint == '\n' || codePoint == '\t') {
      return false;
    }
    switch (Character.getType(codePoint)) {
      case Character.CONTROL: // C0, DEL, C1
      case Character.FORMAT: // bidi controls, zero-width characters, BOM
      case Character.LINE_SEPARATOR:
      case Character.PARAGRAPH_SEPARATOR:
      case Character.SURROGATE: // only a lone one reaches here as a code point
        return true;
      default:
        return false;
    }
  }

  private static boolean isSafe(String text) {
    for (int i = 0; i < text.length(); ) {
      int codePoint = text.codePointAt(i);
      if (isUnsafe(codePoint)) {
        return false;
      }
      i += Character.charCount(codePoint);
    }
    return true;
  }

  /** The char at {@code i} as a code point, unless it is half of a proper surrogate pair. */
  private static int unpaired(String text, int i) {
    char c = text.charAt(i);
    if (Character.isHighSurrogate(c)
        && i + 1 < text.length()
        && Character.isLowSurrogate(text.charAt(i + 1))) {
      return 'x';
    }
    if (Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(text.charAt(i - 1))) {
      return 'x';
    }
    return c;
  }

  /** Skips what follows an ESC at {@code i}; returns the index after the sequence. */
  private static int skipEscapeSequence(String text, int i) {
    char c = text.charAt(i);
    if (c == '[') {
      return skipControlSequence(text, i + 1);
    }
    if (c == ']' || c == 'P' || c == 'X' || c == '^' || c == '_') {
      return skipString(text, i + 1);
    }
    // ESC, any intermediate bytes (0x20-0x2F), then one final byte (0x30-0x7E)
    while (i < text.length() && text.charAt(i) >= 0x20 && text.charAt(i) <= 0x2F) {
      i++;
    }
    if (i < text.length() && text.charAt(i) >= 0x30 && text.charAt(i) <= 0x7E) {
      i++;
    }
    return i;
  }

  /** A CSI's parameter and intermediate bytes, then its final byte (0x40-0x7E). */
  private static int skipControlSequence(String text, int i) {
    while (i < text.length() && text.charAt(i) >= 0x20 && text.charAt(i) <= 0x3F) {
      i++;
    }
    if (i < text.length() && text.charAt(i) >= 0x40 && text.charAt(i) <= 0x7E) {
      i++;
    }
    return i;
  }

  /**
   * An OSC, DCS, SOS, PM or APC payload up to its terminator (BEL, ESC \ or ST), which is skipped
   * too; an unterminated one runs to the end, as a terminal would swallow it.
   */
  private static int skipString(String text, int i) {
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == BEL || c == C1_ST) {
        return i + 1;
      }
      if (c == ESC) {
        // ESC \ is the terminator; any other ESC ends the string and starts a sequence of its own
        return i + 1 < text.length() && text.charAt(i + 1) == '\\' ? i + 2 : i;
      }
      i++;
    }
    return i;
  }
}
