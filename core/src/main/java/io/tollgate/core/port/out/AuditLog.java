package io.tollgate.core.port.out;

import io.tollgate.core.domain.AuditEntry;
import java.util.List;

/** Where changes are recorded: who did what to which token, and when. */
public interface AuditLog {

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
