package io.tollgate.http;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigInteger;
import java.util.Optional;

/**
 * Parses request bodies the way serde_json would refuse them: one JSON object, no duplicate keys,
 * nothing after it, no string that is not valid Unicode (a lone surrogate). Every refusal is a 400
 * {@code serde json error: …}; unknown fields are ignored.
 */
final class StrictJson {
  static final String PREFIX = "serde json error: ";

  private final ObjectMapper mapper;

  StrictJson() {
    JsonMapper built =
        JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .build();
    built
        .getFactory()
        .setStreamReadConstraints(
            StreamReadConstraints.builder().maxNestingDepth(64).maxNumberLength(64).build());
    this.mapper = built;
  }

  /** The body as a JSON object, or a 400. */
  ObjectNode object(byte[] body, String typeName) {
    JsonNode node;
    try {
      node = mapper.readTree(body);
    } catch (JsonProcessingException e) {
      throw failure(e.getOriginalMessage() + location(e.getLocation()));
    } catch (IOException e) {
      throw failure("invalid input: " + e.getClass().getSimpleName());
    }
    if (node == null || node.isMissingNode()) {
      throw failure("EOF while parsing a value at line 1 column 0");
    }
    if (!node.isObject()) {
      throw failure("invalid type: " + describe(node) + ", expected struct " + typeName);
    }
    return (ObjectNode) node;
  }

  /** A required string field. */
  static String requiredString(ObjectNode object, String field) {
    return optionalString(object, field)
        .orElseThrow(() -> failure("missing field `" + field + "`"));
  }

  /** An optional string field: absent or null is empty. */
  static Optional<String> optionalString(ObjectNode object, String field) {
    JsonNode node = object.get(field);
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    if (!node.isTextual()) {
      throw failure(
          "invalid type: " + describe(node) + ", expected a string for field `" + field + "`");
    }
    String text = node.textValue();
    if (!isValidUnicode(text)) {
      throw failure(
          "invalid unicode in field `"
              + field
              + "`: a lone surrogate (such as \\ud800 without its pair) is not text");
    }
    return Optional.of(text);
  }

  /** True unless {@code text} holds a surrogate without its pair, which no encoding can store. */
  static boolean isValidUnicode(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  /**
   * An optional unsigned integer field: absent or null is empty; negative or fractional is a 400.
   */
  static Optional<Long> optionalUnsigned(ObjectNode object, String field) {
    JsonNode node = object.get(field);
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    if (!node.isIntegralNumber()) {
      throw failure("invalid type: " + describe(node) + ", expected u64 for field `" + field + "`");
    }
    BigInteger value = node.bigIntegerValue();
    if (value.signum() < 0) {
      throw failure(
          "invalid value: integer `"
              + value
              + "`, expected a non-negative integer for field `"
              + field
              + "`");
    }
    if (value.bitLength() > 63) {
      throw failure(
          "invalid value: integer `" + value + "` is too large for field `" + field + "`");
    }
    return Optional.of(value.longValueExact());
  }

  static HttpFailure failure(String detail) {
    return HttpFailure.badRequest(PREFIX + detail);
  }

  private static String location(JsonLocation location) {
    if (location == null || location.getLineNr() < 0) {
      return "";
    }
    return " at line " + location.getLineNr() + " column " + Math.max(0, location.getColumnNr());
  }

  private static String describe(JsonNode node) {
    JsonNodeType type = node.getNodeType();
    switch (type) {
      case STRING:
        return "string";
      case NUMBER:
        return node.isIntegralNumber()
            ? "integer `" + node.bigIntegerValue() + "`"
            : "floating point `" + node.decimalValue() + "`";
      case BOOLEAN:
        return "boolean `" + node.booleanValue() + "`";
      case ARRAY:
        return "sequence";
      case OBJECT:
        return "map";
      case NULL:
        return "null";
      default:
        return type.name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
