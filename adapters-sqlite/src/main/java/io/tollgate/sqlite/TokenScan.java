package io.tollgate.sqlite;

import io.tollgate.core.domain.Description;
import io.tollgate.core.domain.Expiry;
import io.tollgate.core.domain.Permissions;
import io.tollgate.core.domain.Token;
import io.tollgate.core.domain.TokenHash;
import io.tollgate.core.domain.TokenId;
import io.tollgate.core.domain.TokenName;
import io.tollgate.core.domain.TokenStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
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
   * Columns 1-7 for every row (7: last use); 8-14 only when column 6 (plain) is 0. Before schema
   * version {@link Migrations#LAST_USE_VERSION} the table has no last use, and column 7 is null.
   */
  static final String SELECT_ALL = select("last_used_at");

  private static final String SELECT_ALL_BEFORE_LAST_USE = select("NULL");

  private static String select(String lastUse) {
    return """
        SELECT id, name, hash, created_at, created_by,
               hash_algorithm = 'sha512' AND status = 'active' AND permissions = '*:*:*'
                 AND updated_at IS NULL AND updated_by IS NULL AND expiry IS NULL
                 AND description IS NULL,
               %s,
               hash_algorithm, updated_at, updated_by, expiry, description, status, permissions
          FROM tokens
         ORDER BY id
        """
        .formatted(lastUse);
  }

  private TokenScan() {}

  static List<Token> findAll(Connection connection) throws SQLException {
    List<Token> tokens = new ArrayList<>();
    Map<String, Permissions> permissions = new HashMap<>();
    try (PreparedStatement statement = connection.prepareStatement(SELECT_ALL);
        ResultSet rs = statement.executeQuery()) {
      while (rs.next()) {
        tokens.add(rs.getInt(6) == 1 ? plain(rs) : full(rs, permissions));
      }
    }
    return tokens;
  }

  /**
   * As {@link #findAll(Connection)}, but a row that breaks a rule of core's (name, hash, status, an
   * expiring operator token, ...) is reported to {@code problems}, naming its id and the rule,
   * instead of ending the scan: the check of a whole store at the cost of the scan it needs anyway.
   */
  static List<Token> findAllChecked(Connection connection, int version, Consumer<String> problems)
      throws SQLException {
    List<Token> tokens = new ArrayList<>();
    Map<String, Permissions> permissions = new HashMap<>();
    String select =
        version >= Migrations.LAST_USE_VERSION ? SELECT_ALL : SELECT_ALL_BEFORE_LAST_USE;
    try (PreparedStatement statement = connection.prepareStatement(select);
        ResultSet rs = statement.executeQuery()) {
      while (rs.next()) {
        try {
          tokens.add(rs.getInt(6) == 1 ? plain(rs) : full(rs, permissions));
        } catch (RuntimeException e) {
          problems.accept("token " + rs.getLong(1) + " " + rowProblem(rs, e));
        }
      }
    }
    return tokens;
  }

  private static String rowProblem(ResultSet rs, RuntimeException failure) throws SQLException {
    if (rs.getBytes(3) == null) {
      return "has no hash";
    }
    return "breaks a rule: " + StoreCheck.printable(failure.getMessage());
  }

  private static Token plain(ResultSet rs) throws SQLException {
    return new Token(
        TokenId.of(rs.getLong(1)),
        TokenName.of(rs.getString(2)),
        new TokenHash(TokenHash.SHA512, rs.getBytes(3)),
        Instant.ofEpochMilli(rs.getLong(4)),
        TokenRowMapper.nullableId(rs, 5),
        null,
        null,
        Expiry.NEVER,
        null,
        TokenStatus.ACTIVE,
        Permissions.ADMIN,
        TokenRowMapper.nullableInstant(rs, 7));
  }

  /**
   * A row read in full; {@code permissions} holds each permission text already read, so that tokens
   * with the same permissions share one value (and its precomputed grants) in the index.
   */
  private static Token full(ResultSet rs, Map<String, Permissions> permissions)
      throws SQLException {
    TokenId id = TokenId.of(rs.getLong(1));
    TokenName name = TokenName.of(rs.getString(2));
    byte[] digest = rs.getBytes(3);
    Instant createdAt = Instant.ofEpochMilli(rs.getLong(4));
    TokenId createdBy = TokenRowMapper.nullableId(rs, 5);
    Instant lastUsedAt = TokenRowMapper.nullableInstant(rs, 7);
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
