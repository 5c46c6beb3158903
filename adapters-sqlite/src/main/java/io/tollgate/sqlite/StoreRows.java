package io.tollgate.sqlite;

import io.tollgate.core.domain.Token;
import io.tollgate.core.domain.TokenName;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The rows of a database checked against Tollgate's rules, independently of the constraints the
 * schema declares (a tampered file may have lost them): every token row through core's own types
 * (names by {@link TokenName}, 64-byte SHA-512 hashes, known statuses, an operator token that never
 * expires), at most one {@code _admin}, the id counter above every id, one meta row with a
 * canonical cluster UUID, valid imported hashes and names, a recovery code row with a hash. The
 * tokens are read once, in the scan that loads them ({@link TokenScan#findAllChecked}), so a store
 * pays for the check at start-up only the few small queries beside it.
 */
final class StoreRows {

  /** How many problems of one kind are named before the rest are only counted. */
  private static final int SHOWN = 3;

  private static final Pattern CANONICAL_UUID =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  private static final String IMPORT_RULES =
      """
      SELECT count(*) FROM imported_tokens
       WHERE hash_algorithm IS NOT 'sha512' OR typeof(hash) != 'blob' OR length(hash) != 64
          OR typeof(imported_at) != 'integer'
      """;

  private StoreRows() {}

  /** Every token, read while checking, and what breaks Tollgate's rules. */
  record Checked(List<Token> tokens, List<String> problems) {}

  /**
   * What breaks Tollgate's rules in a database at schema {@code version}; a {@code second}
   * connection (or null) lets a large token table be read in two halves at once.
   */
  static Checked check(Connection connection, int version, TokenScan.SecondConnection second) {
    List<String> problems = new ArrayList<>();
    List<List<Token>> tokens = new ArrayList<>();
    if (version >= 1) {
      check(problems, "meta", () -> meta(connection, problems));
      check(problems, "tokens", () -> tokens.add(tokens(connection, version, problems, second)));
    }
    if (version >= 3) {
      check(problems, "recovery_code", () -> recoveryCode(connection, problems));
    }
    if (version >= 4) {
      check(problems, "imported_tokens", () -> imported(connection, problems));
    }
    return new Checked(tokens.isEmpty() ? List.of() : tokens.get(0), problems);
  }

  private interface Check {
    void run() throws SQLException;
  }

  private static void check(List<String> problems, String table, Check check) {
    try {
      check.run();
    } catch (SQLException e) {
      problems.add("the " + table + " rows cannot be read as Tollgate reads them");
    }
  }

  private static void meta(Connection connection, List<String> problems) throws SQLException {
    long rows = longOf(connection, "SELECT count(*) FROM meta");
    if (rows != 1) {
      problems.add("the meta table holds " + rows + " rows instead of one");
      return;
    }
    try (PreparedStatement statement =
            connection.prepareStatement(
                "SELECT id, typeof(next_token_id), next_token_id, cluster_uuid,"
                    + " (SELECT max(id) FROM tokens) FROM meta");
        ResultSet rs = statement.executeQuery()) {
      rs.next();
      if (rs.getLong(1) != 0) {
        problems.add("the meta row's id is not 0");
      }
      String uuid = rs.getString(4);
      if (uuid == null || !CANONICAL_UUID.matcher(uuid).matches()) {
        problems.add("the cluster UUID is not a UUID in canonical form");
      }
      if (!"integer".equals(rs.getString(2)) || rs.getLong(3) < 0) {
        problems.add("next_token_id is not a whole number >= 0");
        return;
      }
      long next = rs.getLong(3);
      long maxId = rs.getLong(5);
      if (!rs.wasNull() && next <= maxId) {
        problems.add(
            "next_token_id "
                + next
                + " is not above the highest token id "
                + maxId
                + ", so ids would be reused");
      }
    }
  }

  private static List<Token> tokens(
      Connection connection, int version, List<String> problems, TokenScan.SecondConnection second)
      throws SQLException {
    long operators = longOf(connection, "SELECT count(*) FROM tokens WHERE name = '_admin'");
    if (operators > 1) {
      problems.add(operators + " tokens are named _admin; at most one may be");
    }
    int[] broken = {0};
    List<Token> tokens =
        TokenScan.findAllChecked(
            connection,
            version,
            problem -> {
              if (broken[0]++ < SHOWN) {
                problems.add(problem);
              }
            },
            second);
    if (broken[0] > SHOWN) {
      problems.add((broken[0] - SHOWN) + " more tokens break a rule");
    }
    return tokens;
  }

  private static void imported(Connection connection, List<String> problems) throws SQLException {
    long bad = longOf(connection, IMPORT_RULES);
    if (bad > 0) {
      problems.add(bad + " imported_tokens rows do not hold a 64-byte sha512 hash and a time");
    }
    names(
        connection,
        "SELECT hex(substr(hash, 1, 5)), name FROM imported_tokens ORDER BY hash",
        "imported token with hash ",
        problems);
  }

  private static void recoveryCode(Connection connection, List<String> problems)
      throws SQLException {
    long bad =
        longOf(
            connection,
            "SELECT count(*) FROM recovery_code WHERE id IS NOT 0 OR typeof(hash) != 'text'"
                + " OR length(hash) = 0 OR typeof(issued_at) != 'integer'");
    if (bad > 0) {
      problems.add("the recovery_code row is not an id 0 with a hash and a time");
    }
  }

  /** Every name of {@code sql}'s second column through {@link TokenName}'s rules. */
  private static void names(Connection connection, String sql, String what, List<String> problems)
      throws SQLException {
    int invalid = 0;
    try (PreparedStatement statement = connection.prepareStatement(sql);
        ResultSet rs = statement.executeQuery()) {
      while (rs.next()) {
        String reason = nameProblem(rs.getString(2));
        if (reason != null && invalid++ < SHOWN) {
          problems.add(what + rs.getString(1) + " has an invalid name (" + reason + ")");
        }
      }
    }
    if (invalid > SHOWN) {
      problems.add((invalid - SHOWN) + " more invalid names");
    }
  }

  private static String nameProblem(String name) {
    try {
      TokenName.of(name);
      return null;
    } catch (RuntimeException e) {
      return StoreCheck.printable(e.getMessage());
    }
  }

  private static long longOf(Connection connection, String sql) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql);
        ResultSet rs = statement.executeQuery()) {
      return rs.next() ? rs.getLong(1) : 0;
    }
  }
}
