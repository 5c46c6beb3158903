package io.tollgate.postgres;

import io.tollgate.core.domain.AuditEntry;
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
   * The audit log: {@link AuditLog#record} commits the entry on its own (for failures and denials,
   * which change nothing); a change's entry goes through its transaction's {@code audit}.
   */
  static AuditLog auditLog(PostgresStore store) {
    return new AuditLog() {
      @Override
      public void record(AuditEntry entry) {
        store.inTransaction(
            tx -> {
              tx.audit(entry);
              return null;
            });
      }

      @Override
      public List<AuditEntry> entries() {
        return store.read("cannot read the audit log", AuditSql::findAll);
      }
    };
  }
}
