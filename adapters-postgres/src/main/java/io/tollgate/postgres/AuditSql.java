package io.tollgate.postgres;

import io.tollgate.core.domain.Actor;
import io.tollgate.core.domain.AuditEntry;
import io.tollgate.core.domain.TokenId;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;

/** The {@code audit_log} table, append-only: time in epoch milliseconds, actor, action, token. */
final class AuditSql {

  private AuditSql() {}

  static void append(Handle handle, AuditEntry entry) {
    handle
        .createUpdate(
            "INSERT INTO audit_log (at, action, actor_label, actor_token_id, token_name)"
                + " VALUES (?, ?, ?, ?, ?)")
        .bind(0, entry.at().toEpochMilli())
        .bind(1, entry.action())
        .bind(2, entry.actor().label())
        .bind(3, TokenSql.idOrNull(entry.actor().tokenId()))
        .bind(4, entry.tokenName())
        .execute();
  }

  /** Every entry, oldest first. */
  static List<AuditEntry> findAll(Handle handle) {
    return handle
        .createQuery(
            "SELECT at, action, actor_label, actor_token_id, token_name FROM audit_log ORDER BY id")
        .setFetchSize(10_000)
        .map(
            (rs, ctx) -> {
              long actorId = rs.getLong(4);
              TokenId actor = rs.wasNull() ? null : TokenId.of(actorId);
              return new AuditEntry(
                  Instant.ofEpochMilli(rs.getLong(1)),
                  rs.getString(2),
                  rs.getString(5),
                  new Actor(actor, rs.getString(3)));
            })
        .list();
  }
}
