package io.tollgate.core.port.out;

import io.tollgate.core.domain.AuditEntry;
import java.util.List;
import java.util.function.Supplier;

/** Where changes are recorded: who did what to which token, and when. */
public interface AuditLog {

  void record(AuditEntry entry);

  /**
   * Runs {@code write} (one change to the store) and records {@code entry} with it. A store that is
   * its own audit log records both in one transaction, so the entry exists exactly when the change
   * committed; this default records the entry right after {@code write} returns. When {@code write}
   * throws, nothing is recorded.
   */
  default <T> T recordWith(AuditEntry entry, Supplier<T> write) {
    T result = write.get();
    record(entry);
    return result;
  }

  /** Every entry, oldest first. */
  List<AuditEntry> entries();

  /** An audit log that forgets everything: for stores that keep none. */
  AuditLog NONE =
      new AuditLog() {
        @Override
        public void record(AuditEntry entry) {}

        @Override
        public <T> T recordWith(AuditEntry entry, Supplier<T> write) {
          return write.get();
        }

        @Override
        public List<AuditEntry> entries() {
          return List.of();
        }
      };
}
