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

  /**
   * Keeps every other writer out until this transaction ends, and makes what it reads from here on
   * include every change committed before: a change that reads before it writes calls this first,
   * so that what it decides on cannot change under it. A store whose transactions already run one
   * at a time from their start has nothing to do; a store shared by several nodes takes its write
   * lock.
   */
  default void lockForChange() {}
}
