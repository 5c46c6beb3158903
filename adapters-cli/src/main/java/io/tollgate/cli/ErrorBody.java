package io.tollgate.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;

/**
 * The body of a server's error response, read with a bound: at most {@link #READ_LIMIT} bytes are
 * held, whatever the server sends, and at most {@link #PRINT_LIMIT} bytes of it are printed.
 *
 * @param head the body, or its first {@link #READ_LIMIT} bytes, decoded as UTF-8
 * @param size the body's length in bytes; -1 when it was cut and the server declared no length
 * @param whole whether {@code head} is the whole body
 */
record ErrorBody(String head, long size, boolean whole) {

  static final int READ_LIMIT = 64 * 1024;
  static final int PRINT_LIMIT = 4 * 1024;

  /**
   * Reads at most {@link #READ_LIMIT} bytes (and one more, to learn whether there is more) and
   * leaves the rest unread: the caller closes the stream, which drops the connection.
   */
  static ErrorBody read(InputStream in, OptionalLong declaredLength) throws IOException {
    byte[] head = in.readNBytes(READ_LIMIT);
    boolean whole = head.length < READ_LIMIT || in.read() == -1;
    String text = new String(head, StandardCharsets.UTF_8);
    return whole
        ? new ErrorBody(text, head.length, true)
        : new ErrorBody(text, declaredLength.orElse(-1), false);
  }

  /** A body already in memory (a transport that reads whole bodies). */
  static ErrorBody of(String body) {
    String text = body == null ? "" : body;
    return new ErrorBody(text, text.getBytes(StandardCharsets.UTF_8).length, true);
  }

  /**
   * The body as one may print it: escape sequences and control characters removed ({@link
   * TerminalText#printable}), surrounding whitespace stripped, at most {@link #PRINT_LIMIT} bytes
   * of UTF-8, then {@code … (truncated, N bytes)} if anything was left out.
   */
  String printable() {
    String clean = TerminalText.printable(head).strip();
    if (clean.isEmpty() && whole) {
      return "(empty body)";
    }
    String shown = prefixOfAtMostBytes(clean, PRINT_LIMIT);
    if (whole && shown.length() == clean.length()) {
      return shown;
    }
    String total = size >= 0 ? size + " bytes" : "over " + READ_LIMIT + " bytes";
    return shown + "… (truncated, " + total + ")";
  }

  /** The longest prefix of {@code text} whose UTF-8 encoding fits {@code limit} bytes. */
  private static String prefixOfAtMostBytes(String text, int limit) {
    int bytes = 0;
    int i = 0;
    while (i < text.length()) {
      int codePoint = text.codePointAt(i);
      int width = codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
      if (bytes + width > limit) {
        break;
      }
      bytes += width;
      i += Character.charCount(codePoint);
    }
    return text.substring(0, i);
  }
}
