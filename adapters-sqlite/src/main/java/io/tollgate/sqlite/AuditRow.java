package io.tollgate.sqlite;

import io.tollgate.core.domain.Actor;
import io.tollgate.core.domain.AuditEntry;
import io.tollgate.core.domain.TokenId;
import java.time.Instant;

/**
 * One line of the {@code audit_log} table (schema version 2): what was done to which token, by
 * whom. {@code at} is epoch milliseconds; {@code actorTokenId} and {@code tokenName} may be null.
 */
record AuditRow(long at, String action, String actorLabel, Long actorTokenId, String tokenName) {

  static AuditRow of(AuditEntry entry) {
    return new AuditRow(
        entry.at().toEpochMilli(),
        entry.action(),
        entry.actor().label(),
        entry.actor().tokenIdOptional().map(TokenId::value).orElse(null),
        entry.tokenName());
  }

  AuditEntry toEntry() {
    TokenId actorId = actorTokenId == null ? null : TokenId.of(actorTokenId);
    return new AuditEntry(
        Instant.ofEpochMilli(at), action, tokenName, new Actor(actorId, actorLabel));
  }
}
