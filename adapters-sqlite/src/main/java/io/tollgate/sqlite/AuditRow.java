package io.tollgate.sqlite;

import io.tollgate.core.domain.Actor;
import io.tollgate.core.domain.AuditEntry;
import io.tollgate.core.domain.RequestOrigin;
import io.tollgate.core.domain.TokenId;
import java.time.Instant;

/**
 * One line of the {@code audit_log} table (schema version 5): what was done to which token, by
 * whom, through which request. {@code at} is epoch milliseconds; the request's columns are null for
 * an entry made outside a request (and for rows written before version 5); {@code requestId} is
 * null for a coalesced refusal; {@code credentialFp} is set for refusals only.
 */
record AuditRow(
    long at,
    String action,
    String actorLabel,
    Long actorTokenId,
    String tokenName,
    String clientAddress,
    String method,
    String path,
    String requestId,
    String credentialFp,
    long count) {

  static AuditRow of(AuditEntry entry) {
    return new AuditRow(
        entry.at().toEpochMilli(),
        entry.action(),
        entry.actor().label(),
        entry.actor().tokenIdOptional().map(TokenId::value).orElse(null),
        entry.tokenName(),
        entry.clientAddress(),
        entry.method(),
        entry.path(),
        entry.requestId(),
        entry.credentialFp(),
        entry.count());
  }

  AuditEntry toEntry() {
    TokenId actorId = actorTokenId == null ? null : TokenId.of(actorTokenId);
    return new AuditEntry(
        Instant.ofEpochMilli(at),
        action,
        tokenName,
        new Actor(actorId, actorLabel),
        RequestOrigin.ofStored(clientAddress, method, path, requestId),
        credentialFp,
        count);
  }
}
