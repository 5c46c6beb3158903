package io.tollgate.sqlite;

import io.tollgate.core.domain.AuditEntry;
import io.tollgate.core.port.out.AuditLog;
import java.util.List;

/**
 * The audit log of a {@link SqliteTokenStore}: read on the reader connections; an entry tied to no
 * change is appended in a transaction of its own, committed without a sync of its own (see {@link
 * SqliteStore}): WAL keeps it behind the change it follows, and the next synced commit makes both
 * durable.
 */
final class StoreAuditLog implements AuditLog {

  private final SqliteTokenStore store;

  StoreAuditLog(SqliteTokenStore store) {
    this.store = store;
  }

  @Override
  public void record(AuditEntry entry) {
    AuditRow row = AuditRow.of(entry);
    store.writeOutsideTransaction(
        "cannot write the audit log",
        handle -> {
          handle.execute("PRAGMA synchronous = NORMAL");
          try {
            handle.useTransaction(tx -> tx.attach(AuditLogDao.class).append(row));
          } finally {
            handle.execute("PRAGMA synchronous = FULL");
          }
          return null;
        });
  }

  @Override
  public List<AuditEntry> entries() {
    return rows().stream().map(AuditRow::toEntry).toList();
  }

  /** The audit log's rows, oldest first. */
  List<AuditRow> rows() {
    return store.read(
        "cannot read the audit log",
        tokens -> tokens.getHandle().attach(AuditLogDao.class).findAll());
  }
}
