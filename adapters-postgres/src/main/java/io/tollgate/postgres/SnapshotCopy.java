package io.tollgate.postgres;

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
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * Reads a whole {@link PostgresStore} as a {@link StoreSnapshot}, and writes one into an empty
 * store.
 */
final class SnapshotCopy {

  private SnapshotCopy() {}

  /** Everything, from one consistent snapshot (a read-only REPEATABLE READ transaction). */
  static StoreSnapshot export(PostgresStore store) {
    return store.read(
        "cannot read the store for a copy",
        handle ->
            handle.inTransaction(
                TransactionIsolationLevel.REPEATABLE_READ,
                tx -> {
                  tx.execute("SET TRANSACTION READ ONLY");
                  UUID clusterId =
                      tx.createQuery("SELECT cluster_uuid FROM meta WHERE id = 0")
                          .mapTo(UUID.class)
                          .one();
                  long nextTokenId =
                      tx.createQuery("SELECT next_token_id FROM meta WHERE id = 0")
                          .mapTo(Long.class)
                          .one();
                  List<Token> tokens = TokenSql.findAll(tx);
                  List<StoreSnapshot.ImportedToken> imported =
                      tx.createQuery(
                              "SELECT hash_algorithm, hash, name, imported_at FROM imported_tokens"
                                  + " ORDER BY imported_at, name")
                          .map(
                              (rs, ctx) ->
                                  new StoreSnapshot.ImportedToken(
                                      new TokenHash(rs.getString(1), rs.getBytes(2)),
                                      TokenName.of(rs.getString(3)),
                                      Instant.ofEpochMilli(rs.getLong(4))))
                          .list();
                  List<AuditEntry> audit = AuditSql.findAll(tx);
                  byte[] auditKey = Migrations.auditKey(tx);
                  StoreSnapshot.RecoveryCode recoveryCode =
                      RecoveryCodeSql.currentHash(tx)
                          .map(
                              hash ->
                                  new StoreSnapshot.RecoveryCode(
                                      hash, RecoveryCodeSql.issuedAt(tx).orElseThrow()))
                          .orElse(null);
                  return new StoreSnapshot(
                      clusterId, nextTokenId, tokens, imported, audit, auditKey, recoveryCode);
                }));
  }

  /**
   * Writes {@code snapshot} verbatim (ids, times, identity, id counter, audit order and key) in one
   * transaction, with a change-log row per token; refuses a store that holds anything already.
   */
  static void importInto(PostgresStore store, StoreSnapshot snapshot) {
    store.inPgTransaction(
        tx -> {
          tx.lockForWrite();
          tx.run(
              "cannot copy into the PostgreSQL store " + store.location(),
              () -> {
                Handle handle = tx.handle();
                requireEmpty(handle, store);
                handle.execute(
                    "UPDATE meta SET cluster_uuid = ?, audit_key = ? WHERE id = 0",
                    snapshot.clusterId(),
                    snapshot.auditKey());
                insertTokens(handle, snapshot.tokens());
                insertImported(handle, snapshot.importedTokens());
                for (AuditEntry entry : snapshot.auditEntries()) {
                  AuditSql.append(handle, entry);
                }
                if (snapshot.recoveryCode() != null) {
                  RecoveryCodeSql.replace(
                      handle,
                      snapshot.recoveryCode().encodedHash(),
                      snapshot.recoveryCode().issuedAt());
                }
                return null;
              });
          if (snapshot.nextTokenId() > 0) {
            tx.usedTokenId(snapshot.nextTokenId() - 1);
          }
          snapshot.tokens().forEach(token -> tx.changed(token.id()));
          return null;
        });
    store.tookOverIdentity(snapshot.clusterId());
  }

  private static void requireEmpty(Handle handle, PostgresStore store) {
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
          "cannot copy into the PostgreSQL store "
              + store.location()
              + ": it is not empty (it holds tokens, audit lines or a recovery code); copy only"
              + " into a new, empty store",
          null);
    }
  }

  private static void insertTokens(Handle handle, List<Token> tokens) {
    if (tokens.isEmpty()) {
      return;
    }
    PreparedBatch batch =
        handle.prepareBatch(TokenSql.INSERT.replace(" ON CONFLICT DO NOTHING", ""));
    for (Token token : tokens) {
      batch
          .bind(0, token.id().value())
          .bind(1, token.name().value())
          .bind(2, token.hash().algorithm())
          .bind(3, token.hash().digest())
          .bind(4, token.createdAt().toEpochMilli())
          .bind(5, TokenSql.idOrNull(token.createdBy()))
          .bind(6, TokenSql.millisOrNull(token.updatedAt()))
          .bind(7, TokenSql.idOrNull(token.updatedBy()))
          .bind(8, token.expiry().asInstant().map(Instant::toEpochMilli).orElse(null))
          .bind(9, token.description() == null ? null : token.description().value())
          .bind(10, token.status().wireName())
          .bind(11, token.permissions().text())
          .bind(12, TokenSql.millisOrNull(token.lastUsedAt()))
          .add();
    }
    batch.execute();
  }

  private static void insertImported(Handle handle, List<StoreSnapshot.ImportedToken> imported) {
    if (imported.isEmpty()) {
      return;
    }
    PreparedBatch batch =
        handle.prepareBatch(
            "INSERT INTO imported_tokens (hash_algorithm, hash, name, imported_at)"
                + " VALUES (?, ?, ?, ?)");
    for (StoreSnapshot.ImportedToken row : imported) {
      batch
          .bind(0, row.hash().algorithm())
          .bind(1, row.hash().digest())
          .bind(2, row.name().value())
          .bind(3, row.importedAt().toEpochMilli())
          .add();
    }
    batch.execute();
  }
}
