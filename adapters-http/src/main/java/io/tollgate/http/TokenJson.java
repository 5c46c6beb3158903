package io.tollgate.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.tollgate.core.domain.IssuedToken;
import io.tollgate.core.domain.RecoveryCode;
import io.tollgate.core.domain.Token;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * JSON written field by field, so key order and spelling are exactly InfluxDB's: the token object
 * returned by create and regenerate, and the token rows of listings. The token string appears only
 * in {@link #tokenObject(IssuedToken)}.
 */
final class TokenJson {
  private static final DateTimeFormatter RFC3339_MILLIS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private final JsonFactory factory = new JsonFactory();

  /** RFC 3339, UTC, always with milliseconds: {@code 2025-04-18T14:02:45.331Z}. */
  static String timestamp(Instant instant) {
    return RFC3339_MILLIS.format(instant);
  }

  /** {@code {"id","name","token","hash","created_at","expiry"}}, in that order. */
  byte[] tokenObject(IssuedToken issued) {
    Token token = issued.token();
    return write(
        json -> {
          json.writeStartObject();
          json.writeNumberField("id", token.id().value());
          json.writeStringField("name", token.name().value());
          json.writeStringField("token", issued.secret().value());
          json.writeStringField("hash", token.hash().hex());
          json.writeStringField("created_at", timestamp(token.createdAt()));
          json.writeFieldName("expiry");
          if (token.expiry().isNever()) {
            json.writeNull();
          } else {
            json.writeString(timestamp(token.expiry().instant()));
          }
          json.writeEndObject();
        });
  }

  /** A JSON array of token rows, null fields omitted. */
  byte[] rowsArray(List<TokenRow> rows) {
    return rowsArray(rows, TokenRow.COLUMNS);
  }

  /** A JSON array of token rows with {@code columns}, in that order, null fields omitted. */
  byte[] rowsArray(List<TokenRow> rows, List<TokenRow.Column> columns) {
    return write(
        json -> {
          json.writeStartArray();
          for (TokenRow row : rows) {
            writeRow(json, row, columns);
          }
          json.writeEndArray();
        });
  }

  /** One JSON object per line, each line ending in a newline. */
  byte[] rowsLines(List<TokenRow> rows, List<TokenRow.Column> columns) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (TokenRow row : rows) {
      out.writeBytes(write(json -> writeRow(json, row, columns)));
      out.write('\n');
    }
    return out.toByteArray();
  }

  /** One token row as a JSON object, null fields omitted. */
  byte[] row(TokenRow row) {
    return write(json -> writeRow(json, row, TokenRow.COLUMNS));
  }

  /**
   * {@code {"recovery_code":"XXXXX-XXXXX-XXXXX-XXXXX-XXXXX"}}: the only place a code is written.
   */
  byte[] recoveryCode(RecoveryCode code) {
    return write(
        json -> {
          json.writeStartObject();
          json.writeStringField("recovery_code", code.grouped());
          json.writeEndObject();
        });
  }

  /** {@code {"version":"…","revision":"…"}}. */
  byte[] ping(String version, String revision) {
    return write(
        json -> {
          json.writeStartObject();
          json.writeStringField("version", version);
          json.writeStringField("revision", revision);
          json.writeEndObject();
        });
  }

  private static void writeRow(JsonGenerator json, TokenRow row, List<TokenRow.Column> columns)
      throws IOException {
    json.writeStartObject();
    for (TokenRow.Column column : columns) {
      Object value = column.value(row);
      if (value == null) {
        continue;
      }
      json.writeFieldName(column.name());
      if (value instanceof Long number) {
        json.writeNumber(number);
      } else {
        json.writeString(value.toString());
      }
    }
    json.writeEndObject();
  }

  private interface JsonWriting {
    void writeTo(JsonGenerator json) throws IOException;
  }

  private byte[] write(JsonWriting writing) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator json = factory.createGenerator(out)) {
      writing.writeTo(json);
    } catch (IOException e) {
      throw new UncheckedIOException("writing JSON to memory failed", e);
    }
    return out.toByteArray();
  }
}
