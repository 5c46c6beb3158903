package io.tollgate.sqlite;

import java.util.List;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The {@code audit_log} table: appended to under the id {@code meta} hands out, read newest first
 * in its own order ({@code at, id}) or through its index on {@code (action, at)}, and pruned from
 * the oldest end.
 */
interface AuditLogDao {

  String COLUMNS =
      "at, action, actor_label, actor_token_id, token_name, client_address, method, path,"
          + " request_id, credential_fp, count";

  /**
   * The insert of a row under the next audit id, up to its eleven values in {@link #COLUMNS}'
   * order: this DAO binds them by name, {@link TokenInserter} by position. {@link #ADVANCE_ID}
   * follows.
   */
  String INSERT_UNDER_NEXT_ID =
      "INSERT INTO audit_log (id, "
          + COLUMNS
          + ") VALUES ((SELECT next_audit_id FROM meta WHERE id = 0), ";

  /** Appends a row under the next audit id; {@link #advanceId()} must follow, as append does. */
  @SqlUpdate(
      INSERT_UNDER_NEXT_ID
          + ":at, :action, :actorLabel, :actorTokenId, :tokenName, :clientAddress, :method, :path,"
          + " :requestId, :credentialFp, :count)")
  void insert(
      @Bind("at") long at,
      @Bind("action") String action,
      @Bind("actorLabel") String actorLabel,
      @Bind("actorTokenId") Long actorTokenId,
      @Bind("tokenName") String tokenName,
      @Bind("clientAddress") String clientAddress,
      @Bind("method") String method,
      @Bind("path") String path,
      @Bind("requestId") String requestId,
      @Bind("credentialFp") String credentialFp,
      @Bind("count") long count);

  String ADVANCE_ID = "UPDATE meta SET next_audit_id = next_audit_id + 1 WHERE id = 0";

  @SqlUpdate(ADVANCE_ID)
  void advanceId();

  /** Appends {@code row} under the next audit id and advances it, in the running transaction. */
  default void append(AuditRow row) {
    insert(
        row.at(),
        row.action(),
        row.actorLabel(),
        row.actorTokenId(),
        row.tokenName(),
        row.clientAddress(),
        row.method(),
        row.path(),
        row.requestId(),
        row.credentialFp(),
        row.count());
    advanceId();
  }

  @SqlQuery("SELECT " + COLUMNS + " FROM audit_log ORDER BY id")
  List<AuditRow> findAll();

  @SqlQuery("SELECT " + COLUMNS + " FROM audit_log ORDER BY at DESC, id DESC LIMIT :limit")
  List<AuditRow> newest(@Bind("limit") int limit);

  @SqlQuery(
      "SELECT "
          + COLUMNS
          + " FROM audit_log WHERE at >= :since ORDER BY at DESC, id DESC LIMIT :limit")
  List<AuditRow> newestSince(@Bind("since") long since, @Bind("limit") int limit);

  @SqlQuery(
      "SELECT "
          + COLUMNS
          + " FROM audit_log WHERE action = :action ORDER BY at DESC, id DESC LIMIT :limit")
  List<AuditRow> newestOf(@Bind("action") String action, @Bind("limit") int limit);

  @SqlQuery(
      "SELECT "
          + COLUMNS
          + " FROM audit_log WHERE action = :action AND at >= :since"
          + " ORDER BY at DESC, id DESC LIMIT :limit")
  List<AuditRow> newestOfSince(
      @Bind("action") String action, @Bind("since") long since, @Bind("limit") int limit);

  @SqlUpdate(
      """
      DELETE FROM audit_log WHERE (at, id) IN
        (SELECT at, id FROM audit_log WHERE at < :cutoff ORDER BY at, id LIMIT :max)
      """)
  int deleteOldest(@Bind("cutoff") long cutoff, @Bind("max") int max);
}
