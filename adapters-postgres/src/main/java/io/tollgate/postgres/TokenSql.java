package io.tollgate.postgres;

import io.tollgate.core.domain.Description;
import io.tollgate.core.domain.Expiry;
import io.tollgate.core.domain.Permissions;
import io.tollgate.core.domain.Token;
import io.tollgate.core.domain.TokenHash;
import io.tollgate.core.domain.TokenId;
import io.tollgate.core.domain.TokenName;
import io.tollgate.core.domain.TokenStatus;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * The {@code tokens} table's statements, on whatever handle they are given: a transaction's or a
 * pooled connection's in auto-commit. Times are epoch milliseconds, hashes an algorithm tag and 64
 * raw bytes, as in the SQLite store.
 */
final class TokenSql {

  /** The selected columns, in the order {@link #map} reads them. */
  static final String COLUMNS =
      "id, name, hash_algorithm, hash, created_at, created_by, updated_at, updated_by, expiry,"
          + " description, status, permissions, last_used_at";

  static final String INSERT =
      "INSERT INTO tokens ("
          + COLUMNS
          + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";

  /**
   * Takes the write lock, draws the next id under it and inserts the token with that id, in one
   * statement (one round trip). The lock sits in a materialized part, so that the id is drawn once
   * the lock is held; the id is the drawn one, or the counter when the sequence is behind it (after
   * an import). Taking the lock again in a transaction that holds it costs nothing. Parameters: the
   * token's columns but the id, as {@link #setAfterId} binds them; result: the counter, the drawn
   * value, the id, whether the row was inserted (false: a unique constraint refused it).
   */
  static final String LOCK_DRAW_INSERT =
      "WITH locked AS MATERIALIZED (SELECT next_token_id FROM meta WHERE id = 0 FOR UPDATE),"
          + " drawn AS MATERIALIZED (SELECT next_token_id AS floor, nextval('token_ids') AS seq"
          + " FROM locked),"
          + " added AS (INSERT INTO tokens ("
          + COLUMNS
          + ") SELECT greatest(seq, floor), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? FROM drawn"
          + " ON CONFLICT DO NOTHING RETURNING id)"
          + " SELECT floor, seq, greatest(seq, floor), EXISTS (SELECT 1 FROM added) FROM drawn";

  /** One token by id, as {@link #map} reads it; parameter: the id. */
  static final String SELECT_BY_ID = "SELECT " + COLUMNS + " FROM tokens WHERE id = ?";

  /** Raises one token's last use, never lowers it; a token that no longer exists is skipped. */
  static final String RECORD_LAST_USE =
      "UPDATE tokens SET last_used_at = ? WHERE id = ?"
          + " AND (last_used_at IS NULL OR last_used_at < ?)";

  private TokenSql() {}

  static Optional<Token> findByName(Handle handle, TokenName name) {
    return one(handle, "WHERE name = ?", name.value());
  }

  static Optional<Token> findById(Handle handle, TokenId id) {
    return handle.createQuery(SELECT_BY_ID).bind(0, id.value()).map((rs, ctx) -> map(rs)).findOne();
  }

  static Optional<Token> findByHash(Handle handle, TokenHash hash) {
    return handle
        .createQuery("SELECT " + COLUMNS + " FROM tokens WHERE hash = ? AND hash_algorithm = ?")
        .bind(0, hash.digest())
        .bind(1, hash.algorithm())
        .map((rs, ctx) -> map(rs))
        .findOne();
  }

  static List<Token> findAll(Handle handle) {
    return handle
        .createQuery("SELECT " + COLUMNS + " FROM tokens ORDER BY id")
        .setFetchSize(10_000)
        .map((rs, ctx) -> map(rs))
        .list();
  }

  static boolean wasImported(Handle handle, TokenHash hash) {
    return handle
        .createQuery(
            "SELECT EXISTS (SELECT 1 FROM imported_tokens WHERE hash = ? AND hash_algorithm = ?)")
        .bind(0, hash.digest())
        .bind(1, hash.algorithm())
        .mapTo(Boolean.class)
        .one();
  }

  private static Optional<Token> one(Handle handle, String where, Object key) {
    return handle
        .createQuery("SELECT " + COLUMNS + " FROM tokens " + where)
        .bind(0, key)
        .map((rs, ctx) -> map(rs))
        .findOne();
  }

  /**
   * Inserts {@code token} as it is, id included, unless a row with its id, name or hash exists.
   *
   * @return whether the row was inserted
   */
  static boolean insertIfAbsent(Handle handle, Token token) {
    try (PreparedStatement statement = handle.getConnection().prepareStatement(INSERT)) {
      statement.setLong(1, token.id().value());
      setAfterId(statement, token, 2);
      return statement.executeUpdate() == 1;
    } catch (SQLException e) {
      throw new SqlFailure(e);
    }
  }

  /**
   * Binds every column of {@code token} but the id, in {@link #COLUMNS} order, from parameter
   * {@code first} (1-based); nulls typed by column.
   *
   * @return the parameter after the last one bound
   */
  static int setAfterId(PreparedStatement statement, Token token, int first) throws SQLException {
    statement.setString(first, token.name().value());
    statement.setString(first + 1, token.hash().algorithm());
    statement.setBytes(first + 2, token.hash().digest());
    statement.setLong(first + 3, token.createdAt().toEpochMilli());
    setLong(statement, first + 4, idOrNull(token.createdBy()));
    setLong(statement, first + 5, millisOrNull(token.updatedAt()));
    setLong(statement, first + 6, idOrNull(token.updatedBy()));
    setLong(
        statement, first + 7, token.expiry().asInstant().map(Instant::toEpochMilli).orElse(null));
    String description = token.description() == null ? null : token.description().value();
    if (description == null) {
      statement.setNull(first + 8, Types.VARCHAR);
    } else {
      statement.setString(first + 8, description);
    }
    statement.setString(first + 9, token.status().wireName());
    statement.setString(first + 10, token.permissions().text());
    setLong(statement, first + 11, millisOrNull(token.lastUsedAt()));
    return first + 12;
  }

  private static void setLong(PreparedStatement statement, int index, Long value)
      throws SQLException {
    if (value == null) {
      statement.setNull(index, Types.BIGINT);
    } else {
      statement.setLong(index, value);
    }
  }

  /** Raises the last use of every token given that still exists, in ascending id order. */
  static void recordLastUse(Handle handle, Map<TokenId, Instant> lastUse) {
    Map<TokenId, Instant> ordered = new TreeMap<>(Comparator.comparingLong(TokenId::value));
    ordered.putAll(lastUse);
    PreparedBatch batch = handle.prepareBatch(RECORD_LAST_USE);
    ordered.forEach(
        (id, when) -> {
          long millis = when.toEpochMilli();
          batch.bind(0, millis).bind(1, id.value()).bind(2, millis).add();
        });
    batch.execute();
  }

  static Long idOrNull(TokenId id) {
    return id == null ? null : id.value();
  }

  static Long millisOrNull(Instant instant) {
    return instant == null ? null : instant.toEpochMilli();
  }

  /** A row selected as {@link #COLUMNS}, by position. */
  static Token map(ResultSet rs) throws SQLException {
    String algorithm = rs.getString(3);
    Instant expiry = nullableInstant(rs, 9);
    String description = rs.getString(10);
    return new Token(
        TokenId.of(rs.getLong(1)),
        TokenName.of(rs.getString(2)),
        new TokenHash(
            TokenHash.SHA512.equals(algorithm) ? TokenHash.SHA512 : algorithm, rs.getBytes(4)),
        Instant.ofEpochMilli(rs.getLong(5)),
        nullableId(rs, 6),
        nullableInstant(rs, 7),
        nullableId(rs, 8),
        expiry == null ? Expiry.NEVER : Expiry.at(expiry),
        description == null ? null : Description.of(description),
        TokenStatus.fromWireName(rs.getString(11)),
        Permissions.parse(rs.getString(12)),
        nullableInstant(rs, 13));
  }

  private static TokenId nullableId(ResultSet rs, int column) throws SQLException {
    long value = rs.getLong(column);
    return rs.wasNull() ? null : TokenId.of(value);
  }

  private static Instant nullableInstant(ResultSet rs, int column) throws SQLException {
    long value = rs.getLong(column);
    return rs.wasNull() ? null : Instant.ofEpochMilli(value);
  }
}
