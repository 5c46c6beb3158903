package io.tollgate.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The little JSON the CLI reads and writes, through Jackson's streaming API only: the CLI never
 * needs a tree or data binding, and leaving jackson-databind unloaded takes about a tenth of a
 * second off every command's cold start.
 */
final class CliJson {

  /** Writes one JSON value to a generator. */
  @FunctionalInterface
  interface Writing {
    void writeTo(JsonGenerator json) throws IOException;
  }

  private static final JsonFactory FACTORY = new JsonFactory();

  private CliJson() {}

  /** What {@code writing} writes, as a string. */
  static String write(Writing writing) {
    StringWriter out = new StringWriter();
    try (JsonGenerator generator = FACTORY.createGenerator(out)) {
      writing.writeTo(generator);
    } catch (IOException e) {
      throw new UncheckedIOException("writing JSON to memory failed", e);
    }
    return out.toString();
  }

  /** {@code value} as a JSON string literal, quotes and escapes included. */
  static String quote(String value) {
    return write(json -> json.writeString(value));
  }

  /**
   * The string value of {@code field} in the top-level object of {@code body}; empty when the body
   * is not a JSON object, lacks the field, or holds something else than a string there.
   */
  static Optional<String> topLevelString(String body, String field) {
    if (body == null) {
      return Optional.empty();
    }
    try (JsonParser parser = FACTORY.createParser(body)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return Optional.empty();
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        if (field.equals(name)) {
          return value == JsonToken.VALUE_STRING ? Optional.of(parser.getText()) : Optional.empty();
        }
        parser.skipChildren();
      }
      return Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /**
   * The rows of a JSON array of flat objects (a {@code query_sql} answer), each field's value as
   * text ({@code null} for JSON null), in the body's field order; empty when the body is not such
   * an array (or a value is itself an object or an array).
   */
  static Optional<List<Map<String, String>>> rows(String body) {
    List<Map<String, String>> rows = new ArrayList<>();
    try (JsonParser parser = FACTORY.createParser(body)) {
      if (parser.nextToken() != JsonToken.START_ARRAY) {
        return Optional.empty();
      }
      while (parser.nextToken() == JsonToken.START_OBJECT) {
        Map<String, String> row = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String name = parser.currentName();
          JsonToken value = parser.nextToken();
          if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
            return Optional.empty();
          }
          row.put(name, value == JsonToken.VALUE_NULL ? null : parser.getText());
        }
        rows.add(row);
      }
      return parser.currentToken() == JsonToken.END_ARRAY ? Optional.of(rows) : Optional.empty();
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
