package io.tollgate.core.port.out;

import io.tollgate.core.domain.TokenId;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Where Tollgate keeps everything (tokens, the recovery code, the audit log), changed in units of
 * work. Every change goes through {@link #inTransaction}; reads outside one see committed state.
 * Adding a store means implementing this interface and passing the contract tests in core's
 * test-jar.
 */
public interface TokenStore extends AutoCloseable {

  /**
   * Runs {@code work} in one transaction and returns its result: everything written through the
   * transaction, audit entries included, commits together; when {@code work} throws, nothing it
   * wrote remains and the exception propagates. Technical failures are {@link
   * io.tollgate.core.domain.StoreException}s.
   */
  <T> T inTransaction(Function<StoreTransaction, T> work);

  /**
   * Committed tokens, for reads (each call its own snapshot). A write through it runs in a
   * transaction of its own and records no audit entry: for tools and tests; services change tokens
   * through {@link #inTransaction}.
   */
  TokenRepository tokens();

  /** The committed recovery code, for reads; a write through it is as through {@link #tokens()}. */
  RecoveryCodeRepository recoveryCodes();

  /** The audit log, for reads, and for entries tied to no change ({@link AuditLog#record}). */
  AuditLog auditLog();

  /** This store's identity, created once with the store and kept. */
  UUID clusterId();

  /**
   * Records when tokens were last used, all in one transaction: each token's {@code last_used_at}
   * becomes the later of the stored time and the one given, never an earlier one. Ids of tokens
   * that no longer exist are skipped. It is no change to a token: {@code updated_at} stays, and no
   * audit entry nor change notice for other nodes is written. A technical failure is a {@link
   * io.tollgate.core.domain.StoreException} and writes nothing.
   */
  void recordLastUse(Map<TokenId, Instant> lastUse);

  /**
   * Whether this node can vouch that its view is current. A store shared by several nodes answers
   * false while it cannot confirm it has applied every committed change within its staleness bound;
   * token checks then fail closed. A store owned by one process is always current.
   */
  default boolean isCurrent() {
    return true;
  }

  /**
   * Calls {@code listener} with the id of every token changed by another node, after that change
   * committed, in commit order. A store owned by one process sees no such changes and ignores the
   * listener.
   */
  default void onChangeElsewhere(Consumer<TokenId> listener) {}

  /**
   * How far behind this node may be: milliseconds since it last confirmed it has applied every
   * change committed elsewhere. Empty for a store owned by one process, which is never behind.
   */
  default OptionalLong lagMillis() {
    return OptionalLong.empty();
  }

  /**
   * Everything this store holds, read from one consistent state: the source of a {@code store
   * copy}.
   *
   * @throws UnsupportedOperationException if this kind of store cannot be copied
   * @throws io.tollgate.core.domain.StoreException if the store cannot be read
   */
  default StoreSnapshot exportSnapshot() {
    throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot be copied");
  }

  /**
   * Writes {@code snapshot} into this store verbatim (ids, times, id counter, identity, audit log
   * in order, audit key, imported hashes, recovery code), in one transaction. Only into an empty
   * store: no token, imported hash, audit line or recovery code, and an id counter still at 0.
   *
   * @throws UnsupportedOperationException if this kind of store cannot be copied into
   * @throws io.tollgate.core.domain.StoreException if the store is not empty, or the rows break a
   *     rule of its schema, or it fails; nothing is written then
   */
  default void importSnapshot(StoreSnapshot snapshot) {
    throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot be copied into");
  }

  /** Releases connections and files. Idempotent. */
  @Override
  void close();
}
