package io.tollgate.cli;

import java.util.List;
import java.util.Map;

/**
 * The pretty token table, fitted to a width: the {@code +---+} table {@code influxdb3} prints when
 * it fits; else the description column is cut, then the hash shortened, each with {@code …}; and
 * when even that is too wide, one record per token, {@code column | value} a line (as psql's
 * expanded display), the description cut to the line. Names, ids and every other value are never
 * cut. With no rows the header table is printed whatever the width.
 */
final class PrettyTable {

  static final String ELLIPSIS = "\u2026";

  /** The columns that may be cut, and the narrowest each may get (its header, or 3 + …). */
  private static final Map<String, Integer> SHRINKABLE = Map.of("description", 11, "hash", 4);

  /** Shrunk in this order. */
  private static final List<String> SHRINK_ORDER = List.of("description", "hash");

  private PrettyTable() {}

  static String render(List<String> header, List<List<String>> rows, int width) {
    int[] widths = naturalWidths(header, rows);
    int excess = total(widths) - width;
    for (String name : SHRINK_ORDER) {
      int i = header.indexOf(name);
      if (excess <= 0 || i < 0) {
        continue;
      }
      int narrowest = Math.min(widths[i], SHRINKABLE.get(name));
      int cut = Math.min(excess, widths[i] - narrowest);
      widths[i] -= cut;
      excess -= cut;
    }
    if (excess > 0 && !rows.isEmpty()) {
      return records(header, rows, width);
    }
    return table(header, rows, excess > 0 ? naturalWidths(header, rows) : widths);
  }

  private static int[] naturalWidths(List<String> header, List<List<String>> rows) {
    int[] widths = new int[header.size()];
    for (int i = 0; i < widths.length; i++) {
      widths[i] = width(header.get(i));
      for (List<String> row : rows) {
        widths[i] = Math.max(widths[i], width(row.get(i)));
      }
    }
    return widths;
  }

  /** {@code | a | b |}: each column and its two spaces, and the bars. */
  private static int total(int[] widths) {
    int total = 1;
    for (int width : widths) {
      total += width + 3;
    }
    return total;
  }

  private static String table(List<String> header, List<List<String>> rows, int[] widths) {
    StringBuilder border = new StringBuilder("+");
    for (int width : widths) {
      border.append("-".repeat(width + 2)).append('+');
    }
    StringBuilder out = new StringBuilder();
    out.append(border).append('\n');
    line(out, header, widths);
    out.append(border).append('\n');
    for (List<String> row : rows) {
      line(out, row, widths);
    }
    if (!rows.isEmpty()) {
      out.append(border).append('\n');
    }
    return out.toString();
  }

  private static void line(StringBuilder out, List<String> cells, int[] widths) {
    out.append('|');
    for (int i = 0; i < widths.length; i++) {
      String cell = cut(cells.get(i), widths[i]);
      out.append(' ').append(cell).append(" ".repeat(widths[i] - width(cell) + 1)).append('|');
    }
    out.append('\n');
  }

  private static String records(List<String> header, List<List<String>> rows, int width) {
    int label = 0;
    for (String name : header) {
      label = Math.max(label, width(name));
    }
    int valueWidth = Math.max(1, width - label - 3);
    StringBuilder out = new StringBuilder();
    for (int r = 0; r < rows.size(); r++) {
      String title = "-[ RECORD " + (r + 1) + " ]";
      out.append(title).append("-".repeat(Math.max(0, Math.min(width, 40) - width(title))));
      out.append('\n');
      List<String> row = rows.get(r);
      for (int i = 0; i < header.size(); i++) {
        String name = header.get(i);
        String value = row.get(i);
        if (SHRINKABLE.containsKey(name)) {
          value = cut(value, Math.max(valueWidth, Math.min(width(value), SHRINKABLE.get(name))));
        }
        out.append(name).append(" ".repeat(label - width(name))).append(" |");
        if (!value.isEmpty()) {
          out.append(' ').append(value);
        }
        out.append('\n');
      }
    }
    return out.toString();
  }

  /** {@code text} in at most {@code width} characters, ending in … when cut. */
  static String cut(String text, int width) {
    if (width(text) <= width) {
      return text;
    }
    int keep = Math.max(0, width - 1);
    return text.substring(0, text.offsetByCodePoints(0, keep)) + ELLIPSIS;
  }

  static int width(String text) {
    return text.codePointCount(0, text.length());
  }
}
