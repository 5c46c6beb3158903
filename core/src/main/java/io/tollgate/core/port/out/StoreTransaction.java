package io.tollgate.core.port.out;

import io.tollgate.core.domain.AuditEntry;

/**
 * One unit of work on a {@link TokenStore}: what is read and written through it commits together
 * when {@link TokenStore#inTransaction} returns, or not at all when the work throws. Valid only
 * inside that call, on the thread that runs it.
 */
public interface StoreTransaction {

  /** The tokens, as this transaction sees and changes them. */
  TokenRepository tokens();

  /** The recovery code, as this transaction sees and changes it. */
  RecoveryCodeRepository recoveryCodes();

  /**
   * Adds {@code entry} to the audit log, in this transaction: it exists exactly when the change
   * does.
   */
  void audit(AuditEntry entry);
}
