package io.tollgate.core.testing;

import io.tollgate.core.domain.AuditEntry;
import io.tollgate.core.domain.StoreException;
import io.tollgate.core.domain.TokenId;
import io.tollgate.core.port.out.AuditLog;
import io.tollgate.core.port.out.RecoveryCodeRepository;
import io.tollgate.core.port.out.StoreTransaction;
import io.tollgate.core.port.out.TokenRepository;
import io.tollgate.core.port.out.TokenStore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A store around another whose failures, freshness and changes by "other nodes" a test controls:
 * token writes that fail like a full disk, audit appends that fail, {@link #isCurrent()} switched
 * off, a change committed elsewhere announced to the listeners, and a count of every call that
 * reaches the store.
 */
public final class ScriptedStore implements TokenStore {

  private static final Set<String> TOKEN_WRITES =
      Set.of("insert", "insertImported", "replaceHash", "updateDetails", "deleteByName");

  private final TokenStore delegate;
  private final AtomicInteger calls = new AtomicInteger();
  private final List<Consumer<TokenId>> listeners = new CopyOnWriteArrayList<>();
  private volatile boolean failingWrites;
  private volatile boolean failingAudit;
  private volatile boolean failingLastUse;
  private final AtomicInteger lastUseBatches = new AtomicInteger();
  private volatile boolean current = true;

  public ScriptedStore(TokenStore delegate) {
    this.delegate = delegate;
  }

  /** From now on, every token write in a transaction fails with a {@link StoreException}. */
  public void failWrites() {
    failingWrites = true;
  }

  /** From now on, every audit append in a transaction fails with a {@link StoreException}. */
  public void failAudit() {
    failingAudit = true;
  }

  /** Whether {@link #recordLastUse} fails with a {@link StoreException} from now on. */
  public void failLastUse(boolean failing) {
    failingLastUse = failing;
  }

  /** How many {@link #recordLastUse} calls reached the store (failed ones included). */
  public int lastUseBatches() {
    return lastUseBatches.get();
  }

  /** What {@link #isCurrent()} answers from now on. */
  public void setCurrent(boolean current) {
    this.current = current;
  }

  /**
   * Plays another node: applies {@code change} to the underlying store directly, then tells every
   * listener that token {@code id} changed.
   */
  public void changeElsewhere(TokenId id, Consumer<TokenStore> change) {
    change.accept(delegate);
    listeners.forEach(listener -> listener.accept(id));
  }

  /** How many calls reached the store (its transactions, repositories and audit log). */
  public int calls() {
    return calls.get();
  }

  /** The store underneath, untouched by the script. */
  public TokenStore underlying() {
    return delegate;
  }

  @Override
  public <T> T inTransaction(Function<StoreTransaction, T> work) {
    calls.incrementAndGet();
    return delegate.inTransaction(tx -> work.apply(scripted(tx)));
  }

  private StoreTransaction scripted(StoreTransaction tx) {
    TokenRepository tokens = counted(TokenRepository.class, tx.tokens(), true);
    return new StoreTransaction() {
      @Override
      public TokenRepository tokens() {
        return tokens;
      }

      @Override
      public RecoveryCodeRepository recoveryCodes() {
        calls.incrementAndGet();
        return tx.recoveryCodes();
      }

      @Override
      public void audit(AuditEntry entry) {
        calls.incrementAndGet();
        if (failingAudit) {
          throw new StoreException("cannot write the audit log: disk full");
        }
        tx.audit(entry);
      }
    };
  }

  @Override
  public TokenRepository tokens() {
    return counted(TokenRepository.class, delegate.tokens(), false);
  }

  @Override
  public RecoveryCodeRepository recoveryCodes() {
    return counted(RecoveryCodeRepository.class, delegate.recoveryCodes(), false);
  }

  @Override
  public AuditLog auditLog() {
    return counted(AuditLog.class, delegate.auditLog(), false);
  }

  @Override
  public UUID clusterId() {
    calls.incrementAndGet();
    return delegate.clusterId();
  }

  @Override
  public void recordLastUse(Map<TokenId, Instant> lastUse) {
    calls.incrementAndGet();
    lastUseBatches.incrementAndGet();
    if (failingLastUse) {
      throw new StoreException("disk full: /tmp/test/tollgate.db");
    }
    delegate.recordLastUse(lastUse);
  }

  @Override
  public boolean isCurrent() {
    return current;
  }

  @Override
  public void onChangeElsewhere(Consumer<TokenId> listener) {
    listeners.add(listener);
  }

  @Override
  public void close() {
    delegate.close();
  }

  private <T> T counted(Class<T> type, T target, boolean mayFail) {
    Object proxy =
        Proxy.newProxyInstance(
            type.getClassLoader(),
            new Class<?>[] {type},
            (self, method, args) -> {
              calls.incrementAndGet();
              if (mayFail && failingWrites && TOKEN_WRITES.contains(method.getName())) {
                throw new StoreException("disk full: /tmp/test/tollgate.db");
              }
              try {
                return method.invoke(target, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
    return type.cast(proxy);
  }
}
