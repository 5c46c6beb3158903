package io.tollgate.http;

import io.tollgate.core.text.CsvLine;
import io.tollgate.core.text.PrettyTable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The output formats of {@code /api/v3/query_sql}: json, jsonl, csv and pretty (the natural table
 * of {@link PrettyTable}, the renderer the CLI fits to a terminal).
 */
enum RowFormat {
  JSON("json", Responses.JSON) {
    @Override
    byte[] render(List<TokenRow> rows, List<TokenRow.Column> columns, TokenJson json) {
      return json.rowsArray(rows, columns);
    }
  },
  JSONL("jsonl", "application/jsonl") {
    @Override
    byte[] render(List<TokenRow> rows, List<TokenRow.Column> columns, TokenJson json) {
      return json.rowsLines(rows, columns);
    }
  },
  CSV("csv", "text/csv; charset=utf-8") {
    @Override
    byte[] render(List<TokenRow> rows, List<TokenRow.Column> columns, TokenJson json) {
      StringBuilder out = new StringBuilder();
      List<String> header = new ArrayList<>();
      columns.forEach(column -> header.add(column.name()));
      CsvLine.append(out, header);
      for (TokenRow row : rows) {
        CsvLine.append(out, cells(row, columns));
      }
      return out.toString().getBytes(StandardCharsets.UTF_8);
    }
  },
  PRETTY("pretty", Responses.PLAIN) {
    @Override
    byte[] render(List<TokenRow> rows, List<TokenRow.Column> columns, TokenJson json) {
      List<String> header = new ArrayList<>();
      columns.forEach(column -> header.add(column.name()));
      List<List<String>> cells = new ArrayList<>();
      rows.forEach(row -> cells.add(prettyCells(row, columns)));
      return PrettyTable.render(header, cells).getBytes(StandardCharsets.UTF_8);
    }
  };

  private final String wireName;
  private final String contentType;

  RowFormat(String wireName, String contentType) {
    this.wireName = wireName;
    this.contentType = contentType;
  }

  /** {@code rows} with {@code columns}, in that order. */
  abstract byte[] render(List<TokenRow> rows, List<TokenRow.Column> columns, TokenJson json);

  String contentType() {
    return contentType;
  }

  String wireName() {
    return wireName;
  }

  static Optional<RowFormat> fromWireName(String value) {
    for (RowFormat format : values()) {
      if (format.wireName.equals(value)) {
        return Optional.of(format);
      }
    }
    return Optional.empty();
  }

  private static List<String> cells(TokenRow row, List<TokenRow.Column> columns) {
    List<String> cells = new ArrayList<>();
    for (TokenRow.Column column : columns) {
      Object value = column.value(row);
      cells.add(value == null ? "" : value.toString());
    }
    return cells;
  }

  private static List<String> prettyCells(TokenRow row, List<TokenRow.Column> columns) {
    List<String> cells = new ArrayList<>();
    for (TokenRow.Column column : columns) {
      Object value = column.value(row);
      cells.add(value == null ? column.prettyWhenAbsent() : value.toString());
    }
    return cells;
  }
}
