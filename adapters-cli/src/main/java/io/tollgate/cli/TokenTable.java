package io.tollgate.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.tollgate.core.domain.Description;
import io.tollgate.core.domain.Token;
import io.tollgate.core.domain.TokenId;
import io.tollgate.core.text.CsvLine;
import io.tollgate.core.text.PrettyTable;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Token rows rendered locally exactly as the server renders {@code system.tokens}: the columns
 * {@code token_id, name, hash} (first nine hex characters), {@code created_at, description,
 * created_by_token_id, updated_at, updated_by_token_id, expiry, permissions, status, last_used_at};
 * null fields omitted in JSON, empty in CSV and pretty, but for a token never used, whose {@code
 * last_used_at} reads {@code never} in pretty. Never a secret: a {@link Token} holds none. Nothing
 * that could act on a terminal either ({@link TerminalText}): in CSV and pretty it is removed, in
 * JSON it is written as a {@code \}{@code uXXXX} escape.
 */
final class TokenTable {

  private static final DateTimeFormatter RFC3339_MILLIS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private record Column(String name, Function<Token, Object> reader) {}

  /** The column of a token's last use, and what pretty output shows when it was never used. */
  static final String LAST_USED_AT = "last_used_at";

  static final String NEVER_USED = "never";

  private static final List<Column> COLUMNS =
      List.of(
          new Column("token_id", t -> t.id().value()),
          new Column("name", t -> t.name().value()),
          new Column("hash", t -> t.hash().shortHex()),
          new Column("created_at", t -> timestamp(t.createdAt())),
          new Column(
              "description", t -> t.descriptionOptional().map(Description::value).orElse(null)),
          new Column("created_by_token_id", t -> idOrNull(t.createdBy())),
          new Column("updated_at", t -> t.updatedAt() == null ? null : timestamp(t.updatedAt())),
          new Column("updated_by_token_id", t -> idOrNull(t.updatedBy())),
          new Column("expiry", t -> t.expiry().asInstant().map(TokenTable::timestamp).orElse(null)),
          new Column("permissions", t -> t.permissions().text()),
          new Column("status", t -> t.status().wireName()),
          new Column(LAST_USED_AT, t -> t.lastUsedAt() == null ? null : timestamp(t.lastUsedAt())));

  /** Cut to fit a terminal, in this order: the description, then the hash. */
  static final List<PrettyTable.Shrinkable> SHRINKABLE =
      List.of(new PrettyTable.Shrinkable("description", 11), new PrettyTable.Shrinkable("hash", 4));

  private final JsonFactory json = new JsonFactory();

  /** {@code tokens} in {@code format}; pretty fitted to {@code width} ({@link PrettyTable}). */
  String render(List<Token> tokens, ShowTokensCommand.Format format, int width) {
    switch (format) {
      case JSON:
        return TerminalText.escapedForJson(json(tokens));
      case JSONL:
        return TerminalText.escapedForJson(jsonLines(tokens));
      case CSV:
        return csv(tokens);
      default:
        return pretty(tokens, width);
    }
  }

  private String json(List<Token> tokens) {
    return write(
        out -> {
          out.writeStartArray();
          for (Token token : tokens) {
            writeRow(out, token);
          }
          out.writeEndArray();
        });
  }

  private String jsonLines(List<Token> tokens) {
    StringBuilder lines = new StringBuilder();
    for (Token token : tokens) {
      lines.append(write(out -> writeRow(out, token))).append('\n');
    }
    return lines.toString();
  }

  private static String csv(List<Token> tokens) {
    StringBuilder out = new StringBuilder();
    CsvLine.append(out, header());
    for (Token token : tokens) {
      CsvLine.append(out, cells(token));
    }
    return out.toString();
  }

  private static String pretty(List<Token> tokens, int width) {
    List<List<String>> rows = new ArrayList<>();
    tokens.forEach(token -> rows.add(prettyCells(token)));
    return PrettyTable.render(header(), rows, width, SHRINKABLE);
  }

  /** The column names of {@code system.tokens}, in order. */
  static List<String> header() {
    List<String> header = new ArrayList<>();
    COLUMNS.forEach(column -> header.add(column.name()));
    return header;
  }

  private static List<String> cells(Token token) {
    List<String> cells = new ArrayList<>();
    for (Column column : COLUMNS) {
      Object value = column.reader().apply(token);
      cells.add(value == null ? "" : TerminalText.printable(value.toString()));
    }
    return cells;
  }

  private static List<String> prettyCells(Token token) {
    List<String> cells = cells(token);
    if (token.lastUsedAt() == null) {
      cells.set(cells.size() - 1, NEVER_USED);
    }
    return cells;
  }

  /** A pretty cell: {@code never} for an absent last use, else empty for an absent value. */
  static String prettyCell(String column, String value) {
    if (value != null) {
      return TerminalText.printable(value);
    }
    return LAST_USED_AT.equals(column) ? NEVER_USED : "";
  }

  private static void writeRow(JsonGenerator out, Token token) throws IOException {
    out.writeStartObject();
    for (Column column : COLUMNS) {
      Object value = column.reader().apply(token);
      if (value == null) {
        continue;
      }
      out.writeFieldName(column.name());
      if (value instanceof Long) {
        out.writeNumber((Long) value);
      } else {
        out.writeString(value.toString());
      }
    }
    out.writeEndObject();
  }

  private static String timestamp(Instant instant) {
    return RFC3339_MILLIS.format(instant);
  }

  private static Long idOrNull(TokenId id) {
    return id == null ? null : id.value();
  }

  private interface JsonWriting {
    void writeTo(JsonGenerator json) throws IOException;
  }

  private String write(JsonWriting writing) {
    StringWriter out = new StringWriter();
    try (JsonGenerator generator = json.createGenerator(out)) {
      writing.writeTo(generator);
    } catch (IOException e) {
      throw new UncheckedIOException("writing JSON to memory failed", e);
    }
    return out.toString();
  }
}
