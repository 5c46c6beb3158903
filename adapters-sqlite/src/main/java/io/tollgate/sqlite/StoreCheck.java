package io.tollgate.sqlite;

import io.tollgate.core.domain.StoreException;
import io.tollgate.core.domain.Token;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Refuses a database that is not exactly what Tollgate writes: its schema must be the one the
 * migrations create at its {@code user_version} ({@link StoreSchema}), its text UTF-8, and its rows
 * must keep Tollgate's rules ({@link StoreRows}). Run by {@code restore} on the backup and by a
 * store before it changes anything at start-up. Reads only.
 */
final class StoreCheck {

  /** How many problems one refusal names; the rest are counted. */
  private static final int NAMED = 3;

  private static final int MAX_PRINTED = 64;

  private StoreCheck() {}

  /**
   * @param refusal how the one-line message starts, e.g. "cannot restore from FILE: "
   * @param outcome how it ends, e.g. "; it was left unchanged"
   * @return every token, read and checked (empty before schema version 1)
   * @throws StoreException naming what is wrong, if anything is
   */
  static List<Token> requireTollgateStore(
      Connection connection,
      int version,
      TokenScan.SecondConnection second,
      String refusal,
      String outcome) {
    List<String> problems;
    try {
      problems = new ArrayList<>(StoreSchema.differences(connection, version));
      String encoding = encoding(connection);
      if (!"UTF-8".equals(encoding)) {
        // TokenScan reads a plain row's name as the bytes of its text
        problems.add("its text encoding is " + printable(encoding) + ", not UTF-8");
      }
    } catch (SQLException e) {
      throw new StoreException(refusal + "its schema cannot be read" + outcome, e);
    }
    StoreRows.Checked rows = StoreRows.check(connection, version, second);
    problems.addAll(rows.problems());
    if (problems.isEmpty()) {
      return rows.tokens();
    }
    String named = String.join("; ", problems.subList(0, Math.min(NAMED, problems.size())));
    String more = problems.size() > NAMED ? " (and " + (problems.size() - NAMED) + " more)" : "";
    throw new StoreException(
        refusal
            + "it is not a store as Tollgate writes it at schema version "
            + version
            + ": "
            + named
            + more
            + outcome);
  }

  /**
   * Refuses a file longer than its database: SQLite reads only {@code page_count * page_size}
   * bytes, and a backup Tollgate writes ends there, so anything after it (a gigabyte of zeros in a
   * sparse file, hidden data) was added by someone else and would be restored with it.
   */
  static void requireNoTrailingBytes(Connection connection, Path file, String refusal) {
    long pages;
    long pageSize;
    try (Statement statement = connection.createStatement()) {
      pages = single(statement, "PRAGMA page_count");
      pageSize = single(statement, "PRAGMA page_size");
    } catch (SQLException e) {
      throw new StoreException(refusal + "its page count cannot be read", e);
    }
    long size;
    try {
      size = Files.size(file);
    } catch (IOException e) {
      throw new StoreException(refusal + DataDirectory.describe(e), e);
    }
    long expected = pages * pageSize;
    if (size != expected) {
      throw new StoreException(
          refusal
              + "it is "
              + size
              + " bytes long but its database ends at "
              + expected
              + " bytes ("
              + pages
              + " pages of "
              + pageSize
              + "); a backup Tollgate writes ends at its last page");
    }
  }

  private static String encoding(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("PRAGMA encoding")) {
      return rs.next() ? rs.getString(1) : null;
    }
  }

  private static long single(Statement statement, String sql) throws SQLException {
    try (ResultSet rs = statement.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** Text from a database, safe in a one-line message: control characters replaced, cut short. */
  static String printable(String text) {
    if (text == null) {
      return "null";
    }
    StringBuilder out = new StringBuilder();
    text.codePoints()
        .limit(MAX_PRINTED)
        .forEach(c -> out.appendCodePoint(Character.isISOControl(c) || isFormat(c) ? '?' : c));
    return text.codePointCount(0, text.length()) > MAX_PRINTED ? out + "..." : out.toString();
  }

  private static boolean isFormat(int codePoint) {
    int type = Character.getType(codePoint);
    return type == Character.FORMAT
        || type == Character.LINE_SEPARATOR
        || type == Character.PARAGRAPH_SEPARATOR;
  }
}
