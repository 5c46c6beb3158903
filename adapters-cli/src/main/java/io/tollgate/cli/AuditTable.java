package io.tollgate.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.tollgate.core.text.PrettyTable;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The audit entries the server sent ({@code GET /api/v3/configure/token/audit}: a JSON array of
 * flat objects) in the format {@code tollgate show audit} prints: the columns below in this order
 * (absent fields empty in pretty and CSV, omitted in JSON), with anything that could act on a
 * terminal removed ({@link TerminalText}) or escaped (JSON).
 */
final class AuditTable {
  static final List<String> COLUMNS =
      List.of(
          "at",
          "action",
          "actor",
          "actor_token_id",
          "token_name",
          "client_address",
          "method",
          "path",
          "request_id",
          "credential_fp",
          "count");

  private static final JsonFactory FACTORY = new JsonFactory();

  private AuditTable() {}

  /** {@code body} in {@code format}, ending with a newline unless empty. */
  static String render(String body, ShowAuditCommand.Format format) {
    List<Map<String, Object>> rows = parse(body);
    return switch (format) {
      case JSON -> TerminalText.escapedForJson(json(rows, true)) + "\n";
      case JSONL -> TerminalText.escapedForJson(json(rows, false));
      case CSV -> csv(rows);
      case PRETTY -> pretty(rows);
    };
  }

  private static List<Map<String, Object>> parse(String body) {
    List<Map<String, Object>> rows = new ArrayList<>();
    try (JsonParser json = FACTORY.createParser(body)) {
      if (json.nextToken() != JsonToken.START_ARRAY) {
        throw unexpected();
      }
      while (json.nextToken() == JsonToken.START_OBJECT) {
        Map<String, Object> row = new LinkedHashMap<>();
        while (json.nextToken() == JsonToken.FIELD_NAME) {
          String name = json.currentName();
          JsonToken value = json.nextToken();
          if (value == JsonToken.VALUE_NUMBER_INT) {
            row.put(name, json.getLongValue());
          } else if (value.isScalarValue() && value != JsonToken.VALUE_NULL) {
            row.put(name, json.getText());
          } else {
            json.skipChildren();
          }
        }
        rows.add(row);
      }
    } catch (IOException e) {
      throw unexpected();
    }
    return rows;
  }

  private static CliFailure unexpected() {
    return new CliFailure("unexpected response from the server: not a JSON array of audit entries");
  }

  private static String json(List<Map<String, Object>> rows, boolean array) {
    StringWriter out = new StringWriter();
    try {
      if (array) {
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
          json.writeStartArray();
          for (Map<String, Object> row : rows) {
            write(json, row);
          }
          json.writeEndArray();
        }
      } else {
        for (Map<String, Object> row : rows) {
          try (JsonGenerator json = FACTORY.createGenerator(out)) {
            write(json, row);
          }
          out.write('\n');
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private static void write(JsonGenerator json, Map<String, Object> row) throws IOException {
    json.writeStartObject();
    for (String column : COLUMNS) {
      Object value = row.get(column);
      if (value instanceof Long number) {
        json.writeNumberField(column, number);
      } else if (value != null) {
        json.writeStringField(column, value.toString());
      }
    }
    json.writeEndObject();
  }

  private static List<String> cells(Map<String, Object> row) {
    List<String> cells = new ArrayList<>();
    for (String column : COLUMNS) {
      Object value = row.get(column);
      cells.add(value == null ? "" : TerminalText.printable(value.toString()));
    }
    return cells;
  }

  private static String csv(List<Map<String, Object>> rows) {
    StringBuilder out = new StringBuilder();
    csvLine(out, COLUMNS);
    rows.forEach(row -> csvLine(out, cells(row)));
    return out.toString();
  }

  private static void csvLine(StringBuilder out, List<String> cells) {
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      String cell = cells.get(i);
      if (cell.contains(",") || cell.contains("\"") || cell.contains("\n")) {
        out.append('"').append(cell.replace("\"", "\"\"")).append('"');
      } else {
        out.append(cell);
      }
    }
    out.append('\n');
  }

  private static String pretty(List<Map<String, Object>> rows) {
    List<List<String>> cells = new ArrayList<>();
    rows.forEach(row -> cells.add(cells(row)));
    return PrettyTable.render(COLUMNS, cells);
  }
}
