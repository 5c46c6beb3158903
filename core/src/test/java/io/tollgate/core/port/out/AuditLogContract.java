package io.tollgate.core.port.out;

import static io.tollgate.core.testing.TestTokens.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.core.domain.Actor;
import io.tollgate.core.domain.AuditEntry;
import io.tollgate.core.domain.AuditQuery;
import io.tollgate.core.domain.RequestOrigin;
import io.tollgate.core.domain.TokenId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every store's {@link AuditLog} must do (SPEC section 10): keep every field of an entry,
 * write a batch at once, answer queries newest first, prune the oldest in bounded steps, and keep
 * one fingerprint key for the store's life. A store's test subclasses this with a fresh store.
 */
public abstract class AuditLogContract {

  private static final RequestOrigin ORIGIN =
      new RequestOrigin("203.0.113.9", "POST", "/api/v3/configure/token/named_admin", "req-1");
  private static final Actor ADMIN = new Actor(TokenId.of(0), "token 0 (_admin)");

  protected TokenStore store;

  /** A new, empty store. */
  protected abstract TokenStore newStore();

  /** The same store, closed and opened again (a store in memory returns {@code store}). */
  protected abstract TokenStore reopen(TokenStore store);

  @BeforeEach
  void openStore() {
    store = newStore();
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  @Test
  void anEntry_keepsEveryField() {
    AuditEntry change =
        new AuditEntry(T0, AuditEntry.TOKEN_CREATED, "ci", ADMIN.withOrigin(ORIGIN));
    AuditEntry failure =
        new AuditEntry(
            T0.plusMillis(1),
            AuditEntry.AUTH_FAILED,
            null,
            Actor.UNAUTHENTICATED,
            new RequestOrigin("198.51.100.7", "GET", "/metrics", null),
            "0123456789abcdef",
            3);
    store.inTransaction(
        tx -> {
          tx.audit(change);
          return null;
        });
    store.auditLog().record(List.of(failure));

    assertThat(store.auditLog().entries()).containsExactly(change, failure);
    assertThat(store.auditLog().entries().get(0).origin()).isEqualTo(ORIGIN);
  }

  /**
   * A transaction's audit lines keep every field whether it writes one line (a store may bind that
   * case apart, as the PostgreSQL store does) or several, in the order written.
   */
  @Test
  void aTransactionsLines_keepEveryField_oneLineOrSeveral() {
    AuditEntry one =
        new AuditEntry(
            T0,
            AuditEntry.AUTH_FAILED,
            "ci",
            ADMIN,
            new RequestOrigin("198.51.100.8", "DELETE", "/api/v3/configure/token", null),
            "fedcba9876543210",
            2);
    AuditEntry first = new AuditEntry(T0.plusMillis(1), AuditEntry.TOKEN_CREATED, "a", ADMIN);
    AuditEntry second =
        new AuditEntry(T0.plusMillis(1), AuditEntry.TOKEN_CREATED, "b", ADMIN.withOrigin(ORIGIN));

    store.inTransaction(
        tx -> {
          tx.audit(one);
          return null;
        });
    store.inTransaction(
        tx -> {
          tx.audit(first);
          tx.audit(second);
          return null;
        });

    assertThat(store.auditLog().entries()).containsExactly(one, first, second);
  }

  @Test
  void aBatch_isWrittenInItsOrder() {
    List<AuditEntry> batch = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      batch.add(failure(T0.plusMillis(i), i + 1));
    }

    store.auditLog().record(batch);

    assertThat(store.auditLog().entries()).isEqualTo(batch);
  }

  @Test
  void find_returnsTheNewestFirst_filteredBySinceAndAction_upToTheLimit() {
    store.auditLog().record(new AuditEntry(T0, AuditEntry.TOKEN_CREATED, "a", ADMIN));
    store.auditLog().record(failure(T0.plusSeconds(1), 1));
    store
        .auditLog()
        .record(new AuditEntry(T0.plusSeconds(2), AuditEntry.TOKEN_DELETED, "a", ADMIN));
    store
        .auditLog()
        .record(new AuditEntry(T0.plusSeconds(3), AuditEntry.TOKEN_CREATED, "b", ADMIN));

    assertThat(names(store.auditLog().find(AuditQuery.latest())))
        .containsExactly("b", "a", null, "a");
    assertThat(
            names(
                store
                    .auditLog()
                    .find(new AuditQuery(Optional.of(T0.plusSeconds(1)), Optional.empty(), 100))))
        .containsExactly("b", "a", null);
    assertThat(
            store
                .auditLog()
                .find(new AuditQuery(Optional.empty(), Optional.of(AuditEntry.TOKEN_CREATED), 1)))
        .extracting(AuditEntry::tokenName)
        .containsExactly("b");
  }

  @Test
  void find_ordersEntriesOfOneMillisecondByTheOrderTheyWereWritten() {
    store.auditLog().record(new AuditEntry(T0, AuditEntry.TOKEN_CREATED, "first", ADMIN));
    store.auditLog().record(new AuditEntry(T0, AuditEntry.TOKEN_CREATED, "second", ADMIN));

    assertThat(names(store.auditLog().find(AuditQuery.latest())))
        .containsExactly("second", "first");
  }

  @Test
  void pruneBefore_deletesAtMostTheGivenNumberOfTheOldest_andKeepsTheRest() {
    for (int i = 0; i < 5; i++) {
      store
          .auditLog()
          .record(new AuditEntry(T0.plusSeconds(i), AuditEntry.TOKEN_CREATED, "t" + i, ADMIN));
    }

    assertThat(store.auditLog().pruneBefore(T0.plusSeconds(3), 2)).isEqualTo(2);
    assertThat(store.auditLog().pruneBefore(T0.plusSeconds(3), 2)).isEqualTo(1);
    assertThat(store.auditLog().pruneBefore(T0.plusSeconds(3), 2)).isZero();
    assertThat(names(store.auditLog().entries())).containsExactly("t3", "t4");
  }

  @Test
  void theFingerprintKey_is32Bytes_andStaysTheSameAcrossReopening() {
    byte[] key = store.auditLog().fingerprintKey();
    store = reopen(store);

    assertThat(key).hasSize(32);
    assertThat(store.auditLog().fingerprintKey()).isEqualTo(key);
    assertThat(key).isNotEqualTo(new byte[32]);
  }

  @Test
  void twoStores_haveDifferentFingerprintKeys() {
    try (TokenStore other = newSecondStore()) {
      assertThat(other.auditLog().fingerprintKey()).isNotEqualTo(store.auditLog().fingerprintKey());
    }
  }

  /** Another new, empty store beside {@link #store}. */
  protected abstract TokenStore newSecondStore();

  private static AuditEntry failure(java.time.Instant at, long count) {
    return new AuditEntry(
        at,
        AuditEntry.AUTH_FAILED,
        null,
        Actor.UNAUTHENTICATED,
        new RequestOrigin("198.51.100.7", "GET", "/metrics", null),
        "0123456789abcdef",
        count);
  }

  private static List<String> names(List<AuditEntry> entries) {
    return entries.stream().map(AuditEntry::tokenName).toList();
  }
}
