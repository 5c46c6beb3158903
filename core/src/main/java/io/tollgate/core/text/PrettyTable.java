package io.tollgate.core.text;

import java.util.List;
import java.util.Objects;

/**
 * The one renderer of Tollgate's pretty tables: {@code query_sql}'s {@code format=pretty} on the
 * server, {@code tollgate show tokens} and {@code tollgate show audit} in the CLI. At its natural
 * width it is the {@code +---+} table {@code influxdb3} prints. Fitted to a narrower width, the
 * {@link Shrinkable} columns are cut in their order, each with {@code …}; and when even that is too
 * wide, one record per row, {@code column | value} a line (as psql's expanded display), the
 * shrinkable values cut to the line. Other values are never cut. With no rows the header table is
 * printed whatever the width. Cells are printed as given: the caller removes what could act on a
 * terminal.
 */
public final class PrettyTable {

  /** The mark at the end of a cut value. */
  public static final String ELLIPSIS = "\u2026";

  /** A width that fits any table: the natural table. */
  public static final int UNLIMITED = Integer.MAX_VALUE;

  /**
   * A column that may be cut to fit a width.
   *
   * @param column its name in the header
   * @param narrowest the fewest characters it may keep, {@code …} included
   */
  public record Shrinkable(String column, int narrowest) {
    public Shrinkable {
      Objects.requireNonNull(column, "column");
      if (narrowest < 1) {
        throw new IllegalArgumentException("narrowest must be at least 1");
      }
    }
  }

  private PrettyTable() {}

  /** The natural table: every cell whole. */
  public static String render(List<String> header, List<List<String>> rows) {
    return table(header, rows, naturalWidths(header, rows));
  }

  /**
   * The table fitted to {@code width} characters a line.
   *
   * @param shrinkable the columns that may be cut, in the order they are cut
   */
  public static String render(
      List<String> header, List<List<String>> rows, int width, List<Shrinkable> shrinkable) {
    int[] widths = naturalWidths(header, rows);
    long excess = total(widths) - (long) width;
    for (Shrinkable column : shrinkable) {
      int i = header.indexOf(column.column());
      if (excess <= 0 || i < 0) {
        continue;
      }
      int narrowest = Math.min(widths[i], column.narrowest());
      int cut = (int) Math.min(excess, widths[i] - narrowest);
      widths[i] -= cut;
      excess -= cut;
    }
    if (excess > 0 && !rows.isEmpty()) {
      return records(header, rows, width, shrinkable);
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
  private static long total(int[] widths) {
    long total = 1;
    for (int width : widths) {
      total += width + 3L;
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

  private static String records(
      List<String> header, List<List<String>> rows, int width, List<Shrinkable> shrinkable) {
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
        for (Shrinkable column : shrinkable) {
          if (column.column().equals(name)) {
            value = cut(value, Math.max(valueWidth, Math.min(width(value), column.narrowest())));
          }
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
  public static String cut(String text, int width) {
    if (width(text) <= width) {
      return text;
    }
    int keep = Math.max(0, width - 1);
    return text.substring(0, text.offsetByCodePoints(0, keep)) + ELLIPSIS;
  }

  /** The width of {@code text} in characters (code points). */
  public static int width(String text) {
    return text.codePointCount(0, text.length());
  }
}
