package io.tollgate.postgres;

import com.zaxxer.hikari.HikariDataSource;
import io.tollgate.core.domain.StoreException;
import io.tollgate.core.domain.TokenId;
import io.tollgate.core.port.out.AuditLog;
import io.tollgate.core.port.out.RecoveryCodeRepository;
import io.tollgate.core.port.out.StoreSnapshot;
import io.tollgate.core.port.out.StoreTransaction;
import io.tollgate.core.port.out.TokenRepository;
import io.tollgate.core.port.out.TokenStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A token store in a PostgreSQL database shared by several Tollgate nodes (SPEC §11). Open one with
 * {@link PostgresStores#open(String, PostgresOptions)}. Thread-safe.
 *
 * <p>Every unit of work is one READ COMMITTED transaction on a pooled connection. Writes on every
 * node take one lock (the {@code meta} row) and so run one after the other; each commits its
 * change-log rows and a {@code NOTIFY} with it. Across nodes that gives: ids unique, increasing
 * from 0 and never reused; one {@code _admin} (a unique name: of concurrent inserts one wins, the
 * others get {@link io.tollgate.core.domain.TokenNameAlreadyExistsException}); {@link
 * TokenRepository#replaceHash} a compare-and-set of which exactly one of concurrent callers wins.
 *
 * <p>Each node follows the change log ({@link #onChangeElsewhere}, on one thread of its own, in
 * commit order; changes committed through this store object are passed over, as the port says,
 * though one may come through again, which a subscriber that re-reads by id does not notice) and
 * answers {@link #isCurrent()} false when it has not confirmed it is current for {@link
 * PostgresOptions#maxStaleness()}.
 */
public final class PostgresStore implements TokenStore {

  private static final Logger LOG = LoggerFactory.getLogger(PostgresStore.class);

  private final PostgresUrl url;
  private final PostgresOptions options;
  private final HikariDataSource pool;
  private final Jdbi jdbi;
  private volatile UUID clusterId;
  private volatile byte[] auditKey;
  private final ChangeFeed feed;
  private final TokenRepository tokens;
  private final RecoveryCodeRepository recoveryCodes;
  private final AuditLog auditLog;
  private final ThreadLocal<PgTransaction> running = new ThreadLocal<>();
  private volatile boolean closed;

  PostgresStore(
      PostgresUrl url,
      PostgresOptions options,
      HikariDataSource pool,
      Jdbi jdbi,
      UUID clusterId,
      ChangeFeed feed) {
    this.url = url;
    this.options = options;
    this.pool = pool;
    this.jdbi = jdbi;
    this.clusterId = clusterId;
    this.feed = feed;
    this.tokens = new CommittedTokens(this);
    this.recoveryCodes = CommittedRecords.recoveryCodes(this);
    this.auditLog = CommittedRecords.auditLog(this);
  }

  /**
   * Runs {@code work} in one PostgreSQL transaction, as {@link TokenStore#inTransaction} describes.
   *
   * <p>Not reentrant: a unit of work may not start another on its thread (nor write through {@link
   * #tokens()}, which is one); that would wait for the write lock its own transaction holds.
   *
   * @throws IllegalStateException if called inside a unit of work on the same thread
   */
  @Override
  public <T> T inTransaction(Function<StoreTransaction, T> work) {
    return inPgTransaction(work::apply);
  }

  /** One transaction for the whole batch; no audit line, no change-log row, no notification. */
  @Override
  public void recordLastUse(Map<TokenId, Instant> lastUse) {
    if (lastUse.isEmpty()) {
      return;
    }
    inPgTransaction(
        tx -> {
          tx.recordLastUse(lastUse);
          return null;
        });
  }

  /** {@link #inTransaction}, giving the work this store's own transaction type. */
  <T> T inPgTransaction(Function<PgTransaction, T> work) {
    ensureOpen();
    if (running.get() != null) {
      throw new IllegalStateException(
          "a unit of work on the PostgreSQL store started another; use the transaction given");
    }
    Handle handle = open("cannot start a transaction");
    PgTransaction tx = new PgTransaction(handle, url, clusterId);
    running.set(tx);
    try {
      begin(handle);
      T result = work.apply(tx);
      tx.finish();
      commit(handle);
      long[] logged = tx.loggedChanges();
      if (logged != null) {
        feed.appliedHere(logged[0], logged[1]);
      }
      return result;
    } catch (RuntimeException | Error e) {
      tx.close();
      rollBack(handle, e);
      throw e;
    } finally {
      running.remove();
      tx.close();
      closeQuietly(handle);
    }
  }

  private Handle open(String action) {
    try {
      return jdbi.open();
    } catch (RuntimeException e) {
      throw PgErrors.translate(e, url, action);
    }
  }

  private void begin(Handle handle) {
    try {
      handle.begin();
    } catch (RuntimeException e) {
      throw PgErrors.translate(e, url, "cannot start a transaction");
    }
  }

  private void commit(Handle handle) {
    try {
      handle.commit();
    } catch (RuntimeException e) {
      throw PgErrors.translate(
          e,
          url,
          "cannot commit (if the connection was lost, the change may or may not be stored)");
    }
  }

  private static void rollBack(Handle handle, Throwable failure) {
    try {
      if (handle.isInTransaction()) {
        handle.rollback();
      }
    } catch (RuntimeException e) {
      failure.addSuppressed(e);
    }
  }

  private static void closeQuietly(Handle handle) {
    try {
      handle.close();
    } catch (RuntimeException e) {
      LOG.debug("Returning a connection to the pool failed", e);
    }
  }

  /** Runs {@code work} on a pooled connection in auto-commit: reads of committed state. */
  <T> T read(String action, Function<Handle, T> work) {
    ensureOpen();
    try (Handle handle = jdbi.open()) {
      return work.apply(handle);
    } catch (RuntimeException e) {
      throw PgErrors.translate(e, url, action);
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

  /**
   * Whether this node confirmed, within {@link PostgresOptions#maxStaleness()}, that it has applied
   * every committed change: false after that long without a successful round of the change feed
   * (PostgreSQL unreachable, the feed's connection lost), and after {@link #close()}; true again
   * after the next successful catch-up.
   */
  @Override
  public boolean isCurrent() {
    return feed.isCurrent();
  }

  /**
   * Calls {@code listener} with the id of every token changed elsewhere after the change committed,
   * in commit order, on the store's change-feed thread. Changes committed through this store object
   * are left out (the caller applied them), though one the feed reads before its commit returned
   * can come through (re-reading the token by id makes that harmless). Every change committed after
   * this store was opened is delivered, even one committed before this call. A listener that throws
   * gets the same change again, after a short backoff, and the store is not current meanwhile.
   */
  @Override
  public void onChangeElsewhere(Consumer<TokenId> listener) {
    feed.subscribe(listener);
  }

  /** Milliseconds since this node last confirmed it is current: the lag {@code /health} reports. */
  @Override
  public OptionalLong lagMillis() {
    return OptionalLong.of(feed.lagMillis());
  }

  /** The staleness after which {@link #isCurrent()} turns false. */
  public Duration maxStaleness() {
    return options.maxStaleness();
  }

  /** The store's URL without its password: {@code postgresql://USER@HOST:PORT/DATABASE}. */
  public String location() {
    return url.redacted();
  }

  /**
   * Everything this store holds (identity, id counter, tokens, imported hashes, audit log and key,
   * recovery code), read from one consistent snapshot while writes go on: the source of a {@code
   * store copy}.
   *
   * @throws StoreException if the database cannot be read
   */
  @Override
  public StoreSnapshot exportSnapshot() {
    return SnapshotCopy.export(this);
  }

  /**
   * Writes {@code snapshot} into this store verbatim (token ids and times, the id counter, the
   * audit log in order and its key, imported hashes, recovery code) and takes over its cluster id,
   * in one transaction; every running node is told of every token. Only into an empty store: one
   * with no token, imported hash, audit line or recovery code, whose id counter is still 0. Other
   * nodes already open on this database keep the cluster id they read at open until restarted: copy
   * before starting them.
   *
   * @throws StoreException if this store is not empty (nothing is written), or the rows break a
   *     rule of the schema (two tokens of one name or hash), or the database fails
   */
  @Override
  public void importSnapshot(StoreSnapshot snapshot) {
    SnapshotCopy.importInto(this, snapshot);
  }

  /**
   * After {@link #importSnapshot}: this store now carries the copied store's identity and audit key
   * (read again on next use).
   */
  void tookOverIdentity(UUID copied) {
    clusterId = copied;
    auditKey = null;
  }

  /** The audit's fingerprint key as last read, or null before the first read. */
  byte[] cachedAuditKey() {
    return auditKey;
  }

  void cacheAuditKey(byte[] key) {
    auditKey = key;
  }

  /** The feed's server process id, 0 while disconnected; for tests that cut it. */
  int changeFeedBackendPid() {
    return feed.backendPid();
  }

  /** The last change-log number delivered to the listeners. */
  long lastAppliedChange() {
    return feed.lastApplied();
  }

  /** Closes the change feed and the connections. Idempotent. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    feed.close();
    pool.close();
    LOG.debug("Closed the PostgreSQL store {}", url);
  }

  void ensureOpen() {
    if (closed) {
      throw new StoreException(
          "the token store is closed", "the PostgreSQL store " + url + " is closed", null);
    }
  }

  PostgresUrl url() {
    return url;
  }

  Jdbi jdbi() {
    return jdbi;
  }

  @Override
  public String toString() {
    return "PostgresStore[" + url.redacted() + "]";
  }
}
