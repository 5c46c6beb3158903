package io.tollgate.core.text;

import java.util.List;

/**
 * The one writer of Tollgate's CSV lines (RFC 4180): {@code query_sql}'s {@code format=csv} on the
 * server and {@code tollgate show tokens --format csv} in the CLI. A cell holding a comma, a double
 * quote, a carriage return or a line feed is put in double quotes, its quotes doubled; every line
 * ends with a line feed.
 */
public final class CsvLine {

  private CsvLine() {}

  /** Appends {@code cells} to {@code out} as one line. */
  public static void append(StringBuilder out, List<String> cells) {
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      String cell = cells.get(i);
      if (needsQuotes(cell)) {
        out.append('"').append(cell.replace("\"", "\"\"")).append('"');
      } else {
        out.append(cell);
      }
    }
    out.append('\n');
  }

  private static boolean needsQuotes(String cell) {
    return cell.indexOf(',') >= 0
        || cell.indexOf('"') >= 0
        || cell.indexOf('\n') >= 0
        || cell.indexOf('\r') >= 0;
  }
}
