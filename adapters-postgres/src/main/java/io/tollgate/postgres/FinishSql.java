package io.tollgate.postgres;

import io.tollgate.core.domain.AuditEntry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;

/**
 * The last statement of a {@link PgTransaction} that changed something, sent with its {@code
 * COMMIT} in one round trip: the id counter (when an insert moved it), the audit lines in their
 * order, one change-log row per changed token in the order of the changes, and, when there is one,
 * the notification carrying the last change-log row's number. Data-modifying {@code WITH} parts run
 * once and to completion whether or not the outer query reads them. The driver sends both
 * statements with one sync: when the first fails, the server skips the {@code COMMIT}, and the
 * caller's rollback ends the transaction. After the {@code COMMIT} the connection is out of the
 * transaction, so the driver's {@code commit()} that follows sends nothing.
 */
final class FinishSql {

  /**
   * With one audit line bound as scalars ({@link AuditSql#bindOne}): the common case, and cheaper
   * for the server than unpacking eleven arrays. Parameters: the counter, whether to write it, the
   * line's eleven columns, the array of changed token ids.
   */
  private static final String FINISH_ONE_LINE = finish(AuditSql.INSERT);

  /**
   * With any number of audit lines, one array per column ({@link AuditSql#bindArrays}); otherwise
   * as {@link #FINISH_ONE_LINE}.
   */
  private static final String FINISH_LINES = finish(AuditSql.INSERT_FROM_ARRAYS);

  private static String finish(String auditInsert) {
    return "WITH counter AS (UPDATE meta SET next_token_id = ? WHERE id = 0 AND ?),"
        + " audited AS ("
        + auditInsert
        + "),"
        + " added AS (INSERT INTO change_log (token_id)"
        + " SELECT id FROM unnest(?::bigint[]) WITH ORDINALITY AS c(id, n) ORDER BY n"
        + " RETURNING seq)"
        + " SELECT logged.first, logged.last, pg_notify('"
        + PgTransaction.CHANNEL
        + "', logged.last::text)"
        + " FROM (SELECT min(seq) AS first, max(seq) AS last FROM added) logged"
        + " WHERE logged.last IS NOT NULL;"
        + " COMMIT";
  }

  private FinishSql() {}

  /**
   * Writes and commits as the class describes.
   *
   * @return the first and last change-log numbers written, or null when none was
   */
  static long[] appendAndCommit(
      Connection connection,
      long nextTokenId,
      boolean counterChanged,
      List<AuditEntry> audits,
      Collection<Long> changedTokens)
      throws SQLException {
    boolean oneLine = audits.size() == 1;
    try (PreparedStatement statement =
        connection.prepareStatement(oneLine ? FINISH_ONE_LINE : FINISH_LINES)) {
      statement.setLong(1, nextTokenId);
      statement.setBoolean(2, counterChanged);
      int next =
          oneLine
              ? AuditSql.bindOne(statement, 3, audits.get(0))
              : AuditSql.bindArrays(connection, statement, 3, audits);
      statement.setArray(
          next, connection.createArrayOf("bigint", changedTokens.toArray(new Long[0])));
      statement.execute();
      try (ResultSet logged = statement.getResultSet()) {
        return logged.next() ? new long[] {logged.getLong(1), logged.getLong(2)} : null;
      }
    }
  }
}
