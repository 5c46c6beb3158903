package io.tollgate.sqlite;

import io.tollgate.core.domain.AuditEntry;
import io.tollgate.core.domain.AuditQuery;
import io.tollgate.core.domain.StoreException;
import io.tollgate.core.port.out.AuditLog;
import java.time.Instant;
import java.util.List;

/**
 * The audit log of a {@link SqliteTokenStore}: read on the reader connections; entries tied to no
 * change (a batch of coalesced refusals) are appended in a transaction of their own, committed
 * without a sync of their own (see {@link SqliteStore}): WAL keeps them in order, and the next
 * synced commit makes them durable. Pruning deletes in short transactions of bounded size.
 */
final class StoreAuditLog implements AuditLog {

  private final SqliteTokenStore store;
  private volatile byte[] fingerprintKey;

  /**
   * @param fingerprintKey the key as the store's opening read it, kept if it is one; else it is
   *     read (and refused if missing) on first use
   */
  StoreAuditLog(SqliteTokenStore store, byte[] fingerprintKey) {
    this.store = store;
    this.fingerprintKey = isKey(fingerprintKey) ? fingerprintKey.clone() : null;
  }

  private static boolean isKey(byte[] key) {
    return key != null && key.length == 32;
  }

  @Override
  public void record(List<AuditEntry> entries) {
    if (entries.isEmpty()) {
      return;
    }
    List<AuditRow> rows = entries.stream().map(AuditRow::of).toList();
    store.writeOutsideTransaction(
        "cannot write the audit log",
        handle -> {
          handle.execute("PRAGMA synchronous = NORMAL");
          try {
            handle.useTransaction(
                tx -> {
                  AuditLogDao dao = tx.attach(AuditLogDao.class);
                  rows.forEach(dao::append);
                });
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

  @Override
  public List<AuditEntry> find(AuditQuery query) {
    int limit = query.limit();
    List<AuditRow> rows =
        store.read(
            "cannot read the audit log",
            tokens -> {
              AuditLogDao dao = tokens.getHandle().attach(AuditLogDao.class);
              Long since = query.since().map(Instant::toEpochMilli).orElse(null);
              String action = query.action().orElse(null);
              if (action == null) {
                return since == null ? dao.newest(limit) : dao.newestSince(since, limit);
              }
              return since == null
                  ? dao.newestOf(action, limit)
                  : dao.newestOfSince(action, since, limit);
            });
    return rows.stream().map(AuditRow::toEntry).toList();
  }

  @Override
  public int pruneBefore(Instant cutoff, int maxEntries) {
    if (maxEntries < 1) {
      return 0;
    }
    return store.writeOutsideTransaction(
        "cannot prune the audit log",
        handle ->
            handle.inTransaction(
                tx ->
                    tx.attach(AuditLogDao.class).deleteOldest(cutoff.toEpochMilli(), maxEntries)));
  }

  @Override
  public byte[] fingerprintKey() {
    byte[] key = fingerprintKey;
    if (key == null) {
      key =
          store.read(
              "cannot read the audit key",
              tokens ->
                  tokens
                      .getHandle()
                      .createQuery("SELECT audit_key FROM meta WHERE id = 0")
                      .map((rs, ctx) -> rs.getBytes(1))
                      .one());
      if (!isKey(key)) {
        throw new StoreException("the store has no audit fingerprint key");
      }
      fingerprintKey = key;
    }
    return key.clone();
  }

  /** After a copy replaced the key: read it again on next use. */
  void forgetKey() {
    fingerprintKey = null;
  }

  /** The audit log's rows, oldest first. */
  List<AuditRow> rows() {
    return store.read(
        "cannot read the audit log",
        tokens -> tokens.getHandle().attach(AuditLogDao.class).findAll());
  }
}
