package io.tollgate.sqlite;

import io.tollgate.core.domain.Description;
import io.tollgate.core.domain.Expiry;
import io.tollgate.core.domain.Permissions;
import io.tollgate.core.domain.Token;
import io.tollgate.core.domain.TokenHash;
import io.tollgate.core.domain.TokenId;
import io.tollgate.core.domain.TokenName;
import io.tollgate.core.domain.TokenStatus;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Every token, ordered by id, read straight through JDBC: the listing and the start-up load of the
 * in-memory index, a million rows on a large store. Each value crossing from the driver costs a
 * native call, so a row whose optional columns all hold their defaults (no update, no expiry, no
 * description, active, SHA-512, admin permissions: almost every row) is recognised by one computed
 * column and read as seven values instead of thirteen; any other row is read in full. The tokens
 * are the same either way.
 */
final class TokenScan {

  /**
   * What columns 5 (created by) and 7 (last use) hold for null: one read per value instead of a
   * read and a {@code wasNull()}, each a call into SQLite, a million times at a large store's
   * start. No id or time Tollgate writes is this.
   */
  private static final long ABSENT = Long.MIN_VALUE;

  private static final int HASH_LENGTH = 64;

  /**
   * Columns 1-7 for every row (7: last use); 8-14 only when column 6 (plain) is 0; 15 only when it
   * is 1: the 64 bytes of the hash and then the name's UTF-8 bytes, in one value, so that a plain
   * row (almost every row of a large store) takes five reads through the driver instead of six (a
   * text column is its costliest read). A row whose name is not text or whose hash is not 64 bytes
   * is not plain: it is read in full, where the check names what is wrong. Before schema version
   * {@link Migrations#LAST_USE_VERSION} the table has no last use, and column 7 is null.
   */
  static final String SELECT_ALL = select("last_used_at");

  private static final String SELECT_ALL_BEFORE_LAST_USE = select("NULL");

  private static String select(String lastUse) {
    return """
        SELECT id, name, hash, created_at, ifnull(created_by, %1$d),
               hash_algorithm = 'sha512' AND status = 'active' AND permissions = '*:*:*'
                 AND updated_at IS NULL AND updated_by IS NULL AND expiry IS NULL
                 AND description IS NULL AND typeof(name) = 'text' AND typeof(hash) = 'blob'
                 AND length(hash) = 64,
               ifnull(%2$s, %1$d),
               hash_algorithm, updated_at, updated_by, expiry, description, status, permissions,
               hash || CAST(name AS BLOB)
          FROM tokens
         ORDER BY id
        """
        .formatted(ABSENT, lastUse);
  }

  private TokenScan() {}

  static List<Token> findAll(Connection connection) throws SQLException {
    List<Token> tokens = new ArrayList<>();
    Rows rows = new Rows();
    try (PreparedStatement statement = connection.prepareStatement(SELECT_ALL);
        ResultSet rs = statement.executeQuery()) {
      while (rs.next()) {
        tokens.add(rows.token(rs));
      }
    }
    return tokens;
  }

  /** From this span of ids on (highest minus lowest), a checked scan reads two halves at once. */
  static final long PARALLEL_SPAN = 100_000;

  /** Opens another connection to the same database, for the second half of a scan. */
  interface SecondConnection {
    Connection open() throws SQLException;
  }

  /**
   * As {@link #findAll(Connection)}, but a row that breaks a rule of core's (name, hash, status, an
   * expiring operator token, ...) is reported to {@code problems}, naming its id and the rule,
   * instead of ending the scan: the check of a whole store at the cost of the scan it needs anyway.
   * With a {@code second} connection and ids spanning {@link #PARALLEL_SPAN} or more, the rows from
   * the middle id on are read on another thread over that connection (the start of a server with a
   * million tokens spends most of its time here); tokens and problems come in id order all the
   * same.
   */
  static List<Token> findAllChecked(
      Connection connection, int version, Consumer<String> problems, SecondConnection second)
      throws SQLException {
    return findAllChecked(connection, version, problems, second, PARALLEL_SPAN);
  }

  static List<Token> findAllChecked(
      Connection connection,
      int version,
      Consumer<String> problems,
      SecondConnection second,
      long parallelSpan)
      throws SQLException {
    String select =
        version >= Migrations.LAST_USE_VERSION ? SELECT_ALL : SELECT_ALL_BEFORE_LAST_USE;
    Long middle = second == null ? null : middleId(connection, parallelSpan);
    if (middle == null) {
      try (PreparedStatement statement = connection.prepareStatement(select)) {
        return scanChecked(statement, problems);
      }
    }
    // rows whose id is not a number below the middle (a text id in a tampered table included)
    // belong to the second half, so that none escapes the check
    String below = select.replace("FROM tokens", "FROM tokens WHERE id < ?");
    String rest = select.replace("FROM tokens", "FROM tokens WHERE (id < ?) IS NOT 1");
    SecondHalf later = new SecondHalf(second, rest, middle);
    later.start();
    List<Token> tokens;
    try (PreparedStatement statement = connection.prepareStatement(below)) {
      statement.setLong(1, middle);
      tokens = scanChecked(statement, problems);
    } finally {
      later.awaitEnd();
    }
    tokens.addAll(later.result(problems));
    return tokens;
  }

  /** The id that splits the rows in two, or null when the span is below {@code parallelSpan}. */
  private static Long middleId(Connection connection, long parallelSpan) throws SQLException {
    try (PreparedStatement statement =
            // two subqueries: each is one step down the table's b-tree, where one query with
            // both min() and max() reads every row
            connection.prepareStatement(
                "SELECT (SELECT min(id) FROM tokens), (SELECT max(id) FROM tokens)");
        ResultSet rs = statement.executeQuery()) {
      rs.next();
      long lowest = rs.getLong(1);
      long highest = rs.getLong(2);
      if (rs.wasNull() || highest - lowest < parallelSpan) {
        return null;
      }
      return lowest + (highest - lowest) / 2;
    }
  }

  private static List<Token> scanChecked(PreparedStatement statement, Consumer<String> problems)
      throws SQLException {
    List<Token> tokens = new ArrayList<>();
    Rows rows = new Rows();
    try (ResultSet rs = statement.executeQuery()) {
      while (rs.next()) {
        try {
          tokens.add(rows.token(rs));
        } catch (RuntimeException e) {
          problems.accept("token " + rs.getLong(1) + " " + rowProblem(rs, e));
        }
      }
    }
    return tokens;
  }

  /** The second half of a checked scan, on a thread and a connection of its own. */
  private static final class SecondHalf extends Thread {
    private final SecondConnection opener;
    private final String select;
    private final long middle;
    private final List<String> problems = new ArrayList<>();
    private List<Token> tokens;
    private Throwable failure;

    SecondHalf(SecondConnection opener, String select, long middle) {
      super("tollgate-store-scan");
      setDaemon(true);
      this.opener = opener;
      this.select = select;
      this.middle = middle;
    }

    @Override
    public void run() {
      try (Connection connection = opener.open();
          PreparedStatement statement = connection.prepareStatement(select)) {
        statement.setLong(1, middle);
        tokens = scanChecked(statement, problems::add);
      } catch (Throwable t) { // rethrown on the scanning thread by result()
        failure = t;
      }
    }

    void awaitEnd() {
      boolean interrupted = false;
      while (isAlive()) {
        try {
          join();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }

    /** Its tokens, after reporting its problems; what it failed with, rethrown. */
    List<Token> result(Consumer<String> sink) throws SQLException {
      if (failure instanceof SQLException e) {
        throw e;
      }
      if (failure instanceof RuntimeException e) {
        throw e;
      }
      if (failure instanceof Error e) {
        throw e;
      }
      problems.forEach(sink);
      return tokens;
    }
  }

  private static String rowProblem(ResultSet rs, RuntimeException failure) throws SQLException {
    if (rs.getBytes(3) == null) {
      return "has no hash";
    }
    return "breaks a rule: " + StoreCheck.printable(failure.getMessage());
  }

  /**
   * The rows of one scan, read into tokens that share what rows have in common: each permission
   * text's one {@link Permissions} value (and its precomputed grants), and the creator's id, the
   * same for most rows in a row (24 bytes less per token, in an index of a million).
   */
  private static final class Rows {
    private final Map<String, Permissions> permissions = new HashMap<>();
    private TokenId creator;

    Token token(ResultSet rs) throws SQLException {
      return rs.getInt(6) == 1 ? plain(rs) : full(rs);
    }

    private TokenId creator(long value) {
      if (value == ABSENT) {
        return null;
      }
      TokenId last = creator;
      if (last == null || last.value() != value) {
        last = TokenId.of(value);
        creator = last;
      }
      return last;
    }

    private Token plain(ResultSet rs) throws SQLException {
      byte[] hashAndName = rs.getBytes(15);
      return new Token(
          TokenId.of(rs.getLong(1)),
          TokenName.of(
              new String(
                  hashAndName,
                  HASH_LENGTH,
                  hashAndName.length - HASH_LENGTH,
                  StandardCharsets.UTF_8)),
          new TokenHash(TokenHash.SHA512, Arrays.copyOf(hashAndName, HASH_LENGTH)),
          Instant.ofEpochMilli(rs.getLong(4)),
          creator(rs.getLong(5)),
          null,
          null,
          Expiry.NEVER,
          null,
          TokenStatus.ACTIVE,
          Permissions.ADMIN,
          instantOrAbsent(rs.getLong(7)));
    }

    /** A row read in full. */
    private Token full(ResultSet rs) throws SQLException {
      TokenId id = TokenId.of(rs.getLong(1));
      TokenName name = TokenName.of(rs.getString(2));
      byte[] digest = rs.getBytes(3);
      Instant createdAt = Instant.ofEpochMilli(rs.getLong(4));
      TokenId createdBy = creator(rs.getLong(5));
      Instant lastUsedAt = instantOrAbsent(rs.getLong(7));
      TokenHash hash =
          new TokenHash(TokenRowMapper.shared(rs.getString(8), TokenHash.SHA512), digest);
      Instant updatedAt = TokenRowMapper.nullableInstant(rs, 9);
      TokenId updatedBy = TokenRowMapper.nullableId(rs, 10);
      Instant expiry = TokenRowMapper.nullableInstant(rs, 11);
      String description = rs.getString(12);
      return new Token(
          id,
          name,
          hash,
          createdAt,
          createdBy,
          updatedAt,
          updatedBy,
          expiry == null ? Expiry.NEVER : Expiry.at(expiry),
          description == null ? null : Description.of(description),
          TokenStatus.fromWireName(rs.getString(13)),
          permissions.computeIfAbsent(rs.getString(14), Permissions::parse),
          lastUsedAt);
    }
  }

  private static Instant instantOrAbsent(long value) {
    return value == ABSENT ? null : Instant.ofEpochMilli(value);
  }
}
