package io.tollgate.http;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A query string decoded strictly, as serde_urlencoded does for InfluxDB: a bad percent-escape,
 * bytes that are not UTF-8 or a repeated field is a 400 with a {@code serde error:} body, never a
 * server error and never a silently replaced character.
 */
final class QueryParams {
  private final Map<String, List<String>> values;

  private QueryParams(Map<String, List<String>> values) {
    this.values = values;
  }

  static QueryParams parse(String rawQuery) {
    Map<String, List<String>> values = new LinkedHashMap<>();
    if (rawQuery != null && !rawQuery.isEmpty()) {
      for (String pair : rawQuery.split("&", -1)) {
        if (pair.isEmpty()) {
          continue;
        }
        int equals = pair.indexOf('=');
        String key = decode(equals < 0 ? pair : pair.substring(0, equals));
        String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
        values.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
      }
    }
    return new QueryParams(values);
  }

  /** The single value of a field; empty if absent; a 400 if repeated. */
  Optional<String> single(String field) {
    List<String> found = values.get(field);
    if (found == null) {
      return Optional.empty();
    }
    if (found.size() > 1) {
      throw HttpFailure.badRequest("serde error: duplicate field `" + field + "`");
    }
    return Optional.of(found.get(0));
  }

  /** The single value of a required field; a 400 naming it if absent. */
  String required(String field) {
    return single(field)
        .orElseThrow(() -> HttpFailure.badRequest("serde error: missing field `" + field + "`"));
  }

  /**
   * Percent-decodes {@code text} ({@code +} is a space) and reads the bytes as UTF-8, strictly: a
   * bad escape, bytes that are not UTF-8 (an encoded surrogate such as {@code %ED%A0%80} included)
   * or a lone surrogate are a 400, never replaced by {@code U+FFFD}.
   */
  private static String decode(String text) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '%') {
        if (i + 2 >= text.length()) {
          throw invalidEscape();
        }
        int high = hexDigit(text.charAt(i + 1));
        int low = hexDigit(text.charAt(i + 2));
        if (high < 0 || low < 0) {
          throw invalidEscape();
        }
        bytes.write(high << 4 | low);
        i += 3;
      } else if (c == '+') {
        bytes.write(' ');
        i++;
      } else {
        int end = i;
        while (end < text.length() && text.charAt(end) != '%' && text.charAt(end) != '+') {
          end++;
        }
        bytes.writeBytes(encodeStrictly(text.substring(i, end)));
        i = end;
      }
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes.toByteArray()))
          .toString();
    } catch (CharacterCodingException e) {
      throw notUtf8();
    }
  }

  private static byte[] encodeStrictly(String text) {
    try {
      ByteBuffer encoded =
          StandardCharsets.UTF_8
              .newEncoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .encode(CharBuffer.wrap(text));
      byte[] result = new byte[encoded.remaining()];
      encoded.get(result);
      return result;
    } catch (CharacterCodingException e) {
      throw notUtf8();
    }
  }

  /** The value of an ASCII hex digit; -1 for anything else (other scripts' digits included). */
  private static int hexDigit(char c) {
    return c < 128 ? Character.digit(c, 16) : -1;
  }

  private static HttpFailure invalidEscape() {
    return HttpFailure.badRequest("serde error: invalid percent-encoding in the query string");
  }

  private static HttpFailure notUtf8() {
    return HttpFailure.badRequest(
        "serde error: the query string is not valid UTF-8 once percent-decoded");
  }
}
