package io.tollgate.core.memory;

import io.tollgate.core.domain.AuditEntry;
import io.tollgate.core.port.out.AuditLog;
import java.util.ArrayList;
import java.util.List;

/** Keeps audit entries in memory: for tests and throw-away instances. */
public final class InMemoryAuditLog implements AuditLog {

  private final List<AuditEntry> entries = new ArrayList<>();

  @Override
  public synchronized void record(AuditEntry entry) {
    entries.add(entry);
  }

  @Override
  public synchronized List<AuditEntry> entries() {
    return List.copyOf(entries);
  }
}
