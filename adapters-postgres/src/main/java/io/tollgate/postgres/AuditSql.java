package io.tollgate.postgres;

import io.tollgate.core.domain.Actor;
import io.tollgate.core.domain.AuditEntry;
import io.tollgate.core.domain.AuditQuery;
import io.tollgate.core.domain.RequestOrigin;
import io.tollgate.core.domain.TokenId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;

/**
 * The {@code audit_log} table (schema version 2): time in epoch milliseconds, action, token, actor,
 * the request (client address, method, path, request id; null outside a request), and for a refusal
 * the credential fingerprint and how many refusals the line stands for. Read newest first through
 * the indexes on {@code at} and {@code (action, at)}; pruned from the oldest end.
 */
final class AuditSql {

  private static final String COLUMNS =
      "at, action, actor_label, actor_token_id, token_name, client_address, method, path,"
          + " request_id, credential_fp, count";

  /**
   * An insert of one entry, bound by {@link #bindOne}; also a {@code WITH} part of the statement
   * that finishes a transaction with one audit line (a creation, a deletion, an edit).
   */
  static final String INSERT =
      "INSERT INTO audit_log (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

  /**
   * An insert of the entries bound by {@link #bindArrays}, one array per column, in the arrays'
   * order; for a {@code WITH} part of the statement that finishes a transaction.
   */
  static final String INSERT_FROM_ARRAYS =
      "INSERT INTO audit_log ("
          + COLUMNS
          + ") SELECT "
          + COLUMNS
          + " FROM unnest(?::bigint[], ?::text[], ?::text[], ?::bigint[], ?::text[], ?::text[],"
          + " ?::text[], ?::text[], ?::text[], ?::text[], ?::bigint[]) WITH ORDINALITY AS a("
          + COLUMNS
          + ", n) ORDER BY n";

  private AuditSql() {}

  /** Whether each column of {@link #COLUMNS}, in order, is a bigint (or else text). */
  private static final boolean[] BIGINT = {
    true, false, false, true, false, false, false, false, false, false, true
  };

  /** The eleven values of {@code entry}, in the order of {@link #COLUMNS}. */
  private static Object[] values(AuditEntry entry) {
    return new Object[] {
      entry.at().toEpochMilli(),
      entry.action(),
      entry.actor().label(),
      TokenSql.idOrNull(entry.actor().tokenId()),
      entry.tokenName(),
      entry.clientAddress(),
      entry.method(),
      entry.path(),
      entry.requestId(),
      entry.credentialFp(),
      entry.count()
    };
  }

  private static int sqlType(int column) {
    return BIGINT[column] ? Types.BIGINT : Types.VARCHAR;
  }

  /**
   * Binds {@code entries} as the eleven column arrays of {@link #INSERT_FROM_ARRAYS} from parameter
   * {@code first} on; returns the index of the next parameter.
   */
  static int bindArrays(
      Connection connection, PreparedStatement statement, int first, List<AuditEntry> entries)
      throws SQLException {
    Object[][] columns = new Object[BIGINT.length][];
    for (int c = 0; c < columns.length; c++) {
      columns[c] = BIGINT[c] ? new Long[entries.size()] : new String[entries.size()];
    }
    for (int i = 0; i < entries.size(); i++) {
      Object[] values = values(entries.get(i));
      for (int c = 0; c < columns.length; c++) {
        columns[c][i] = values[c];
      }
    }
    for (int c = 0; c < columns.length; c++) {
      statement.setArray(
          first + c, connection.createArrayOf(BIGINT[c] ? "bigint" : "text", columns[c]));
    }
    return first + columns.length;
  }

  /**
   * Binds {@code entry} as the eleven parameters of {@link #INSERT} from parameter {@code first}
   * on; returns the index of the next parameter.
   */
  static int bindOne(PreparedStatement statement, int first, AuditEntry entry) throws SQLException {
    Object[] values = values(entry);
    for (int c = 0; c < values.length; c++) {
      statement.setObject(first + c, values[c], sqlType(c));
    }
    return first + values.length;
  }

  static void append(Handle handle, AuditEntry entry) {
    appendAll(handle, List.of(entry));
  }

  /** Appends {@code entries} in their order, in one batch on {@code handle}'s transaction. */
  static void appendAll(Handle handle, List<AuditEntry> entries) {
    if (entries.isEmpty()) {
      return;
    }
    PreparedBatch batch = handle.prepareBatch(INSERT);
    for (AuditEntry entry : entries) {
      Object[] values = values(entry);
      for (int c = 0; c < values.length; c++) {
        if (values[c] == null) {
          batch.bindNull(c, sqlType(c));
        } else {
          batch.bind(c, values[c]);
        }
      }
      batch.add();
    }
    batch.execute();
  }

  /** Every entry, oldest first. */
  static List<AuditEntry> findAll(Handle handle) {
    return handle
        .createQuery("SELECT " + COLUMNS + " FROM audit_log ORDER BY id")
        .setFetchSize(10_000)
        .map((rs, ctx) -> entry(rs))
        .list();
  }

  /** The entries {@code query} asks for, newest first (by time, then by id). */
  static List<AuditEntry> find(Handle handle, AuditQuery query) {
    StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM audit_log WHERE true");
    query.since().ifPresent(since -> sql.append(" AND at >= :since"));
    query.action().ifPresent(action -> sql.append(" AND action = :action"));
    sql.append(" ORDER BY at DESC, id DESC LIMIT :limit");
    Query select = handle.createQuery(sql.toString()).bind("limit", query.limit());
    query.since().ifPresent(since -> select.bind("since", since.toEpochMilli()));
    query.action().ifPresent(action -> select.bind("action", action));
    return select.map((rs, ctx) -> entry(rs)).list();
  }

  /** Deletes at most {@code max} of the oldest entries before {@code cutoff}; how many it did. */
  static int deleteOldest(Handle handle, Instant cutoff, int max) {
    return handle
        .createUpdate(
            "DELETE FROM audit_log WHERE id IN"
                + " (SELECT id FROM audit_log WHERE at < ? ORDER BY at, id LIMIT ?)")
        .bind(0, cutoff.toEpochMilli())
        .bind(1, max)
        .execute();
  }

  private static AuditEntry entry(ResultSet rs) throws SQLException {
    long actorId = rs.getLong(4);
    TokenId actor = rs.wasNull() ? null : TokenId.of(actorId);
    return new AuditEntry(
        Instant.ofEpochMilli(rs.getLong(1)),
        rs.getString(2),
        rs.getString(5),
        new Actor(actor, rs.getString(3)),
        RequestOrigin.ofStored(rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9)),
        rs.getString(10),
        rs.getLong(11));
  }
}
