package io.tollgate.app;

import io.tollgate.core.domain.AuditEntry;
import io.tollgate.core.domain.AuditQuery;
import io.tollgate.core.domain.TokenId;
import io.tollgate.core.port.out.AuditLog;
import io.tollgate.core.port.out.RecoveryCodeRepository;
import io.tollgate.core.port.out.StoreTransaction;
import io.tollgate.core.port.out.TokenRepository;
import io.tollgate.core.port.out.TokenStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A {@link TokenStore} that hands every audit entry it writes to a listener ({@code --audit-log}),
 * after the entry has committed: the entries of a unit of work once {@link #inTransaction} has
 * returned (none when the work threw), and a batch written through {@link AuditLog#record(List)}
 * (the failure audit) once the store has taken it. Everything else goes straight to the store. The
 * listener must not throw; it runs on the thread that made the change.
 */
final class AuditMirroringStore implements TokenStore {
  private final TokenStore store;
  private final Consumer<List<AuditEntry>> listener;
  private final AuditLog auditLog;

  AuditMirroringStore(TokenStore store, Consumer<List<AuditEntry>> listener) {
    this.store = store;
    this.listener = listener;
    this.auditLog = new MirroredAuditLog(store.auditLog());
  }

  @Override
  public <T> T inTransaction(Function<StoreTransaction, T> work) {
    List<AuditEntry> written = new ArrayList<>(1);
    T result =
        store.inTransaction(
            tx -> {
              written.clear(); // a store may run the work again after a conflict
              return work.apply(new Recording(tx, written));
            });
    if (!written.isEmpty()) {
      listener.accept(List.copyOf(written));
    }
    return result;
  }

  @Override
  public TokenRepository tokens() {
    return store.tokens();
  }

  @Override
  public RecoveryCodeRepository recoveryCodes() {
    return store.recoveryCodes();
  }

  @Override
  public AuditLog auditLog() {
    return auditLog;
  }

  @Override
  public void recordLastUse(Map<TokenId, Instant> lastUse) {
    store.recordLastUse(lastUse);
  }

  @Override
  public UUID clusterId() {
    return store.clusterId();
  }

  @Override
  public boolean isCurrent() {
    return store.isCurrent();
  }

  @Override
  public void onChangeElsewhere(Consumer<TokenId> changed) {
    store.onChangeElsewhere(changed);
  }

  @Override
  public OptionalLong lagMillis() {
    return store.lagMillis();
  }

  @Override
  public void close() {
    store.close();
  }

  private record Recording(StoreTransaction tx, List<AuditEntry> written)
      implements StoreTransaction {
    @Override
    public TokenRepository tokens() {
      return tx.tokens();
    }

    @Override
    public RecoveryCodeRepository recoveryCodes() {
      return tx.recoveryCodes();
    }

    @Override
    public void audit(AuditEntry entry) {
      tx.audit(entry);
      written.add(entry);
    }
  }

  private final class MirroredAuditLog implements AuditLog {
    private final AuditLog log;

    MirroredAuditLog(AuditLog log) {
      this.log = log;
    }

    @Override
    public void record(List<AuditEntry> entries) {
      log.record(entries);
      if (!entries.isEmpty()) {
        listener.accept(List.copyOf(entries));
      }
    }

    @Override
    public List<AuditEntry> entries() {
      return log.entries();
    }

    @Override
    public List<AuditEntry> find(AuditQuery query) {
      return log.find(query);
    }

    @Override
    public int pruneBefore(Instant cutoff, int maxEntries) {
      return log.pruneBefore(cutoff, maxEntries);
    }

    @Override
    public byte[] fingerprintKey() {
      return log.fingerprintKey();
    }
  }
}
