package io.tollgate.sqlite;

import java.util.List;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The {@code audit_log} table, append-only. */
interface AuditLogDao {

  @SqlUpdate(
      """
      INSERT INTO audit_log (at, action, actor_label, actor_token_id, token_name)
      VALUES (:at, :action, :actorLabel, :actorTokenId, :tokenName)
      """)
  void append(
      @Bind("at") long at,
      @Bind("action") String action,
      @Bind("actorLabel") String actorLabel,
      @Bind("actorTokenId") Long actorTokenId,
      @Bind("tokenName") String tokenName);

  default void append(AuditRow entry) {
    append(entry.at(), entry.action(), entry.actorLabel(), entry.actorTokenId(), entry.tokenName());
  }

  @SqlQuery(
      """
      SELECT at, action, actor_label, actor_token_id, token_name FROM audit_log ORDER BY id
      """)
  List<AuditRow> findAll();
}
