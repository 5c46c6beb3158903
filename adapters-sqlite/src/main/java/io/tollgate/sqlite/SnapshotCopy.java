package io.tollgate.sqlite;

import io.tollgate.core.domain.AuditEntry;
import io.tollgate.core.domain.StoreException;
import io.tollgate.core.domain.Token;
import io.tollgate.core.domain.TokenHash;
import io.tollgate.core.domain.TokenName;
import io.tollgate.core.port.out.StoreSnapshot;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * Reads a whole {@link SqliteTokenStore} as a {@link StoreSnapshot}, and writes one into an empty
 * store: the SQLite side of {@code tollgate store copy}.
 */
final class SnapshotCopy {

  private SnapshotCopy() {}

  /** Everything, from one read transaction on a reader: one consistent state, writes go on. */
  static StoreSnapshot export(SqliteTokenStore store) {
    return store.read(
        "cannot read the store for a copy",
        dao -> dao.getHandle().inTransaction(handle -> exportFrom(handle, dao.findAll())));
  }

  private static StoreSnapshot exportFrom(Handle handle, List<Token> tokens) {
    Meta meta =
        handle
            .createQuery("SELECT cluster_uuid, next_token_id, audit_key FROM meta WHERE id = 0")
            .map((rs, ctx) -> new Meta(rs.getString(1), rs.getLong(2), rs.getBytes(3)))
            .one();
    List<StoreSnapshot.ImportedToken> imported =
        handle
            .createQuery(
                "SELECT hash_algorithm, hash, name, imported_at FROM imported_tokens"
                    + " ORDER BY imported_at, name")
            .map(
                (rs, ctx) ->
                    new StoreSnapshot.ImportedToken(
                        new TokenHash(rs.getString(1), rs.getBytes(2)),
                        TokenName.of(rs.getString(3)),
                        Instant.ofEpochMilli(rs.getLong(4))))
            .list();
    List<AuditEntry> audit =
        handle.attach(AuditLogDao.class).findAll().stream().map(AuditRow::toEntry).toList();
    StoreSnapshot.RecoveryCode recoveryCode =
        handle
            .createQuery("SELECT hash, issued_at FROM recovery_code WHERE id = 0")
            .map(
                (rs, ctx) ->
                    new StoreSnapshot.RecoveryCode(
                        rs.getString(1), Instant.ofEpochMilli(rs.getLong(2))))
            .findOne()
            .orElse(null);
    return new StoreSnapshot(
        UUID.fromString(meta.clusterUuid()),
        meta.nextTokenId(),
        tokens,
        imported,
        audit,
        meta.auditKey(),
        recoveryCode);
  }

  private record Meta(String clusterUuid, long nextTokenId, byte[] auditKey) {}

  /**
   * Writes {@code snapshot} verbatim (ids, times, identity, id counter, audit lines in order and
   * their key) in one {@code BEGIN IMMEDIATE} transaction; refuses a store that holds anything.
   */
  static void importInto(SqliteTokenStore store, StoreSnapshot snapshot) {
    String action = "cannot copy into the SQLite store " + store.databaseFile();
    store.writeOutsideTransaction(
        action,
        writer ->
            writer.inTransaction(
                handle -> {
                  requireEmpty(handle, action);
                  handle.execute(
                      "UPDATE meta SET cluster_uuid = ?, next_token_id = ?, audit_key = ?"
                          + " WHERE id = 0",
                      snapshot.clusterId().toString(),
                      snapshot.nextTokenId(),
                      snapshot.auditKey());
                  TokenDao tokens = handle.attach(TokenDao.class);
                  snapshot.tokens().forEach(token -> tokens.insert(TokenColumns.of(token)));
                  for (StoreSnapshot.ImportedToken row : snapshot.importedTokens()) {
                    handle.execute(
                        "INSERT INTO imported_tokens (hash_algorithm, hash, name, imported_at)"
                            + " VALUES (?, ?, ?, ?)",
                        row.hash().algorithm(),
                        row.hash().digest(),
                        row.name().value(),
                        row.importedAt().toEpochMilli());
                  }
                  AuditLogDao audit = handle.attach(AuditLogDao.class);
                  snapshot.auditEntries().forEach(entry -> audit.append(AuditRow.of(entry)));
                  if (snapshot.recoveryCode() != null) {
                    handle
                        .attach(RecoveryCodeDao.class)
                        .replace(
                            snapshot.recoveryCode().encodedHash(),
                            snapshot.recoveryCode().issuedAt().toEpochMilli());
                  }
                  return null;
                }));
    store.tookOverIdentity(snapshot.clusterId(), snapshot.nextTokenId());
  }

  private static void requireEmpty(Handle handle, String action) {
    boolean empty =
        handle
            .createQuery(
                "SELECT NOT EXISTS (SELECT 1 FROM tokens)"
                    + " AND NOT EXISTS (SELECT 1 FROM imported_tokens)"
                    + " AND NOT EXISTS (SELECT 1 FROM audit_log)"
                    + " AND NOT EXISTS (SELECT 1 FROM recovery_code)"
                    + " AND (SELECT next_token_id FROM meta WHERE id = 0) = 0")
            .mapTo(Boolean.class)
            .one();
    if (!empty) {
      throw new StoreException(
          "the target token store is not empty",
          action
              + ": it is not empty (it holds tokens, audit lines or a recovery code, or has"
              + " handed out ids); copy only into a new, empty data directory",
          null);
    }
  }
}
