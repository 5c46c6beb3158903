package io.tollgate.core.port.out;

import io.tollgate.core.domain.AuditEntry;
import io.tollgate.core.domain.AuditQuery;
import java.time.Instant;
import java.util.List;

/**
 * The audit log of a {@link TokenStore}: who did what to which token, when and through which
 * request, and which requests were refused (SPEC section 10). A change and its entry are written
 * together through {@link StoreTransaction#audit}; {@link #record(List)} is for entries that go
 * with no change (coalesced refusals).
 */
public interface AuditLog {

  /** Adds {@code entry} on its own, in a transaction of its own: for entries tied to no change. */
  default void record(AuditEntry entry) {
    record(List.of(entry));
  }

  /**
   * Adds {@code entries}, in this order, in one transaction of their own (all or none): the failure
   * audit's batch. An empty list writes nothing.
   */
  void record(List<AuditEntry> entries);

  /** Every entry, oldest first. */
  List<AuditEntry> entries();

  /**
   * The entries {@code query} asks for, newest first (by time, then by the order they were
   * written), at most {@code query.limit()} of them. A store answers from an index on time and
   * action, not by reading the whole log.
   */
  List<AuditEntry> find(AuditQuery query);

  /**
   * Deletes at most {@code maxEntries} of the oldest entries older than {@code cutoff}, in one
   * short transaction, and returns how many it deleted (retention: callers repeat until it returns
   * less than {@code maxEntries}).
   */
  int pruneBefore(Instant cutoff, int maxEntries);

  /**
   * The key of this store's credential fingerprints ({@code credential_fp}): 32 random bytes
   * created once with the store (from {@link java.security.SecureRandom}) and kept in it, so
   * fingerprints stay comparable across restarts. Returns a copy; the caller should wipe it after
   * use.
   */
  byte[] fingerprintKey();
}
