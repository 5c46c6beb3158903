package io.tollgate.sqlite;

import io.tollgate.core.domain.Description;
import io.tollgate.core.domain.Expiry;
import io.tollgate.core.domain.Permissions;
import io.tollgate.core.domain.Token;
import io.tollgate.core.domain.TokenHash;
import io.tollgate.core.domain.TokenId;
import io.tollgate.core.domain.TokenName;
import io.tollgate.core.domain.TokenStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Maps a row selected as {@link TokenDao#COLUMNS} to a {@link Token}. Reads by position: the column
 * order is fixed by that constant, and a million-row listing should not look names up per cell.
 */
final class TokenRowMapper implements RowMapper<Token> {

  @Override
  public Token map(ResultSet rs, StatementContext ctx) throws SQLException {
    return token(rs);
  }

  /** The token of the current row, outside Jdbi (a kept statement's result). */
  static Token token(ResultSet rs) throws SQLException {
    long id = rs.getLong(1);
    String name = rs.getString(2);
    TokenHash hash = new TokenHash(shared(rs.getString(3), TokenHash.SHA512), rs.getBytes(4));
    Instant createdAt = Instant.ofEpochMilli(rs.getLong(5));
    TokenId createdBy = nullableId(rs, 6);
    Instant updatedAt = nullableInstant(rs, 7);
    TokenId updatedBy = nullableId(rs, 8);
    Instant expiry = nullableInstant(rs, 9);
    String description = rs.getString(10);
    return new Token(
        TokenId.of(id),
        TokenName.of(name),
        hash,
        createdAt,
        createdBy,
        updatedAt,
        updatedBy,
        expiry == null ? Expiry.NEVER : Expiry.at(expiry),
        description == null ? null : Description.of(description),
        TokenStatus.fromWireName(rs.getString(11)),
        Permissions.parse(rs.getString(12)),
        nullableInstant(rs, 13));
  }

  /**
   * The constant instead of a per-row copy of the same text: the index keeps every token in memory
   * and almost all rows carry the same algorithm (about 100 MB per million tokens). Permissions are
   * shared the same way: {@link Permissions#parse(String)} gives the one {@link Permissions#ADMIN}
   * for {@code *:*:*}.
   */
  static String shared(String value, String constant) {
    return constant.equals(value) ? constant : value;
  }

  static TokenId nullableId(ResultSet rs, int column) throws SQLException {
    long value = rs.getLong(column);
    return rs.wasNull() ? null : TokenId.of(value);
  }

  static Instant nullableInstant(ResultSet rs, int column) throws SQLException {
    long value = rs.getLong(column);
    return rs.wasNull() ? null : Instant.ofEpochMilli(value);
  }
}
