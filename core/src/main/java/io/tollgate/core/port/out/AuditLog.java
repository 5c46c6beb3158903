package io.tollgate.core.port.out;

import io.tollgate.core.domain.AuditEntry;
import java.util.List;

/**
 * The audit log of a {@link TokenStore}: who did what to which token, and when. A change and its
 * entry are written together through {@link StoreTransaction#audit}; {@link #record} is for entries
 * that go with no change.
 */
public interface AuditLog {

  /** Adds {@code entry} on its own, in a transaction of its own: for entries tied to no change. */
  void record(AuditEntry entry);

  /** Every entry, oldest first. */
  List<AuditEntry> entries();

  /** An audit log that forgets everything: for stores that keep none. */
  AuditLog NONE =
      new AuditLog() {
        @Override
        public void record(AuditEntry entry) {}

        @Override
        public List<AuditEntry> entries() {
          return List.of();
        }
      };
}
