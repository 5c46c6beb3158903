package io.tollgate.postgres;

import io.tollgate.core.domain.AuditEntry;
import io.tollgate.core.domain.AuditQuery;
import io.tollgate.core.domain.StoreException;
import io.tollgate.core.port.out.AuditLog;
import io.tollgate.core.port.out.RecoveryCodeRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The committed recovery code and audit log of a {@link PostgresStore}. */
final class CommittedRecords {

  private CommittedRecords() {}

  /** Reads in auto-commit; each write a transaction of its own. */
  static RecoveryCodeRepository recoveryCodes(PostgresStore store) {
    return new RecoveryCodeRepository() {
      @Override
      public Optional<String> currentHash() {
        return store.read("cannot read the recovery code", RecoveryCodeSql::currentHash);
      }

      @Override
      public void replace(String encodedHash, Instant issuedAt) {
        store.inTransaction(
            tx -> {
              tx.recoveryCodes().replace(encodedHash, issuedAt);
              return null;
            });
      }

      @Override
      public boolean consume(String encodedHash) {
        return store.inTransaction(tx -> tx.recoveryCodes().consume(encodedHash));
      }
    };
  }

  /**
   * The audit log: {@link AuditLog#record} commits its entries on their own, in one transaction
   * (for failures and denials, which change nothing); a change's entry goes through its
   * transaction's {@code audit}. Pruning deletes a bounded batch per transaction.
   */
  static AuditLog auditLog(PostgresStore store) {
    return new AuditLog() {
      @Override
      public void record(List<AuditEntry> entries) {
        List<AuditEntry> batch = List.copyOf(entries);
        if (batch.isEmpty()) {
          return;
        }
        store.inPgTransaction(
            tx ->
                tx.run(
                    "cannot write the audit log",
                    () -> {
                      AuditSql.appendAll(tx.handle(), batch);
                      return null;
                    }));
      }

      @Override
      public List<AuditEntry> entries() {
        return store.read("cannot read the audit log", AuditSql::findAll);
      }

      @Override
      public List<AuditEntry> find(AuditQuery query) {
        return store.read("cannot read the audit log", handle -> AuditSql.find(handle, query));
      }

      @Override
      public int pruneBefore(Instant cutoff, int maxEntries) {
        if (maxEntries < 1) {
          return 0;
        }
        return store.inPgTransaction(
            tx ->
                tx.run(
                    "cannot prune the audit log",
                    () -> AuditSql.deleteOldest(tx.handle(), cutoff, maxEntries)));
      }

      @Override
      public byte[] fingerprintKey() {
        byte[] key = store.cachedAuditKey();
        if (key == null) {
          key = store.read("cannot read the audit key", Migrations::auditKey);
          if (key == null || key.length != Migrations.AUDIT_KEY_BYTES) {
            throw new StoreException("the store has no audit fingerprint key");
          }
          store.cacheAuditKey(key);
        }
        return key.clone();
      }
    };
  }
}
