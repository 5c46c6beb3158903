package io.tollgate.core.memory;

import io.tollgate.core.domain.AuditEntry;
import io.tollgate.core.domain.AuditQuery;
import io.tollgate.core.domain.Token;
import io.tollgate.core.domain.TokenHash;
import io.tollgate.core.domain.TokenId;
import io.tollgate.core.domain.TokenName;
import io.tollgate.core.port.out.AuditLog;
import io.tollgate.core.port.out.CommittedTokenView;
import io.tollgate.core.port.out.RecoveryCodeRepository;
import io.tollgate.core.port.out.StoreTransaction;
import io.tollgate.core.port.out.TokenRepository;
import io.tollgate.core.port.out.TokenStore;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A store that lives and dies with the process: for tests and throw-away instances. Thread-safe. A
 * unit of work changes the tables in place under a write lock and keeps an undo log, applied when
 * the work throws; readers wait for a running unit of work, so they see only committed state.
 * Writes through {@link #tokens()}, {@link #recoveryCodes()} and {@link AuditLog#record} each run
 * in a unit of work of their own.
 */
public final class InMemoryTokenStore implements TokenStore {

  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final MemoryTables tables = new MemoryTables();
  private final UUID clusterId = UUID.randomUUID();
  private final CommittedTokens tokens = new CommittedTokens();
  private final CommittedCode recoveryCodes = new CommittedCode();
  private final CommittedAudit auditLog = new CommittedAudit();

  @Override
  public <T> T inTransaction(Function<StoreTransaction, T> work) {
    lock.writeLock().lock();
    try {
      MemoryTransaction transaction = new MemoryTransaction(tables, clusterId);
      T result;
      try {
        result = work.apply(transaction);
      } catch (RuntimeException | Error e) {
        transaction.rollBack();
        throw e;
      }
      transaction.commit();
      return result;
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public TokenRepository tokens() {
    return tokens;
  }

  @Override
  public RecoveryCodeRepository recoveryCodes() {
    return recoveryCodes;
  }

  @Override
  public AuditLog auditLog() {
    return auditLog;
  }

  @Override
  public UUID clusterId() {
    return clusterId;
  }

  @Override
  public void recordLastUse(Map<TokenId, Instant> lastUse) {
    lock.writeLock().lock();
    try {
      lastUse.forEach(
          (id, when) -> {
            Token current = tables.byId.get(id.value());
            if (current != null
                && (current.lastUsedAt() == null || current.lastUsedAt().isBefore(when))) {
              tables.put(current.withLastUsedAt(when));
            }
          });
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Nothing to release. */
  @Override
  public void close() {}

  @Override
  public String toString() {
    return "in memory";
  }

  private <T> T read(Supplier<T> read) {
    lock.readLock().lock();
    try {
      return read.get();
    } finally {
      lock.readLock().unlock();
    }
  }

  private <T> T write(Function<MemoryTransaction, T> write) {
    return inTransaction(tx -> write.apply((MemoryTransaction) tx));
  }

  private final class CommittedTokens extends CommittedTokenView {

    CommittedTokens() {
      super(InMemoryTokenStore.this);
    }

    @Override
    public boolean wasImported(TokenHash hash) {
      return read(() -> tables.imported.contains(hash));
    }

    @Override
    public Optional<Token> findByName(TokenName name) {
      return read(() -> Optional.ofNullable(tables.byName.get(name)));
    }

    @Override
    public Optional<Token> findById(TokenId id) {
      return read(() -> Optional.ofNullable(tables.byId.get(id.value())));
    }

    @Override
    public Optional<Token> findByHash(TokenHash hash) {
      return read(() -> Optional.ofNullable(tables.byHash.get(hash)));
    }

    @Override
    public List<Token> findAll() {
      return read(() -> List.copyOf(tables.byId.values()));
    }

    @Override
    public UUID clusterId() {
      return clusterId;
    }
  }

  private final class CommittedCode implements RecoveryCodeRepository {

    @Override
    public Optional<String> currentHash() {
      return read(() -> Optional.ofNullable(tables.recoveryCodeHash));
    }

    @Override
    public void replace(String encodedHash, Instant issuedAt) {
      write(
          tx -> {
            tx.replace(encodedHash, issuedAt);
            return null;
          });
    }

    @Override
    public boolean consume(String encodedHash) {
      return write(tx -> tx.consume(encodedHash));
    }
  }

  private final class CommittedAudit implements AuditLog {
    private final byte[] fingerprintKey = newFingerprintKey();

    @Override
    public void record(List<AuditEntry> entries) {
      if (entries.isEmpty()) {
        return;
      }
      write(
          tx -> {
            entries.forEach(tx::audit);
            return null;
          });
    }

    @Override
    public List<AuditEntry> entries() {
      return read(() -> List.copyOf(tables.audit));
    }

    @Override
    public List<AuditEntry> find(AuditQuery query) {
      return read(
          () -> {
            List<AuditEntry> found = new ArrayList<>();
            for (int i = tables.audit.size() - 1; i >= 0; i--) {
              AuditEntry entry = tables.audit.get(i);
              if (query.matches(entry)) {
                found.add(entry);
              }
            }
            // newest first by time, then by the order written (the list is in that order)
            found.sort(Comparator.comparing(AuditEntry::at).reversed());
            return List.copyOf(found.subList(0, Math.min(found.size(), query.limit())));
          });
    }

    @Override
    public int pruneBefore(Instant cutoff, int maxEntries) {
      lock.writeLock().lock();
      try {
        int deleted = 0;
        for (Iterator<AuditEntry> it = tables.audit.iterator();
            it.hasNext() && deleted < maxEntries; ) {
          if (it.next().at().isBefore(cutoff)) {
            it.remove();
            deleted++;
          }
        }
        return deleted;
      } finally {
        lock.writeLock().unlock();
      }
    }

    @Override
    public byte[] fingerprintKey() {
      return fingerprintKey.clone();
    }
  }

  private static byte[] newFingerprintKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return key;
  }
}
