package io.tollgate.http;

import java.util.ArrayList;
import java.util.List;

/**
 * The path of the request a gateway asks about, as the segments rules are matched against: the
 * original URI without its query and fragment, each segment percent-decoded, doubled slashes merged
 * (as nginx does). A URI that is not an absolute path, or has a {@code .} or {@code ..} segment, an
 * invalid or control-character escape ({@code %00}), an encoded slash, a {@code ;} path parameter,
 * more than {@link #MAX_SEGMENTS} segments or {@link #MAX_LENGTH} characters is malformed: it
 * matches no rule but a catch-all ({@code /**}).
 */
final class OriginalPath {
  static final int MAX_LENGTH = 8192;

  /** More segments than this is malformed too (it bounds the work of matching {@code **}). */
  static final int MAX_SEGMENTS = 128;

  /** The segments of {@code /}: none. */
  static final List<String> ROOT = List.of();

  private OriginalPath() {}

  /** The decoded segments of {@code uri}'s path, or null when it is malformed. */
  static List<String> segments(String uri) {
    if (uri == null || uri.isEmpty() || uri.length() > MAX_LENGTH || uri.charAt(0) != '/') {
      return null;
    }
    int end = uri.length();
    for (int i = 0; i < uri.length(); i++) {
      char c = uri.charAt(i);
      if (c == '?' || c == '#') {
        end = i;
        break;
      }
    }
    List<String> segments = new ArrayList<>();
    int start = 1;
    while (start <= end) {
      int slash = uri.indexOf('/', start);
      int stop = slash < 0 || slash > end ? end : slash;
      if (stop > start) {
        String segment = decode(uri, start, stop);
        if (segment == null || segment.equals(".") || segment.equals("..")) {
          return null;
        }
        if (segments.size() == MAX_SEGMENTS) {
          return null;
        }
        segments.add(segment);
      }
      start = stop + 1;
    }
    return segments;
  }

  /** {@code uri[start, stop)} percent-decoded as UTF-8, or null when it may not be matched. */
  private static String decode(String uri, int start, int stop) {
    StringBuilder text = null;
    byte[] bytes = null;
    int byteCount = 0;
    for (int i = start; i < stop; i++) {
      char c = uri.charAt(i);
      if (c < 0x21 || c == 0x7f || c == ';' || c == '\\') {
        return null;
      }
      if (c != '%') {
        if (bytes != null && byteCount > 0) {
          text.append(utf8(bytes, byteCount));
          byteCount = 0;
        }
        if (text != null) {
          text.append(c);
        }
        continue;
      }
      if (i + 2 >= stop) {
        return null;
      }
      int high = Character.digit(uri.charAt(i + 1), 16);
      int low = Character.digit(uri.charAt(i + 2), 16);
      if (high < 0 || low < 0) {
        return null;
      }
      int value = high * 16 + low;
      if (value < 0x21 || value == 0x7f || value == '/' || value == '\\' || value == ';') {
        return null;
      }
      if (text == null) {
        text = new StringBuilder(stop - start);
        text.append(uri, start, i);
        bytes = new byte[stop - start];
      }
      bytes[byteCount++] = (byte) value;
      i += 2;
    }
    if (text == null) {
      return uri.substring(start, stop);
    }
    if (byteCount > 0) {
      text.append(utf8(bytes, byteCount));
    }
    String decoded = text.toString();
    return decoded.indexOf('\uFFFD') >= 0 ? null : decoded;
  }

  private static String utf8(byte[] bytes, int count) {
    return new String(bytes, 0, count, java.nio.charset.StandardCharsets.UTF_8);
  }
}
