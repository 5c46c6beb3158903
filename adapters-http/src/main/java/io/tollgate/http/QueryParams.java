package io.tollgate.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A query string decoded strictly, as serde_urlencoded does for InfluxDB: a bad percent-escape or a
 * repeated field is a 400 with a {@code serde error:} body, never a server error.
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

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw HttpFailure.badRequest("serde error: invalid percent-encoding in the query string");
    }
  }
}
