package io.tollgate.sqlite;

/**
 * One line of the audit log (schema version 2): what was done to which token, by whom. {@code at}
 * is epoch milliseconds; {@code actorTokenId} and {@code tokenName} may be null.
 */
record AuditEntry(long at, String action, String actorLabel, Long actorTokenId, String tokenName) {}
