package io.tollgate.core.port.out;

import static io.tollgate.core.testing.TestTokens.T0;
import static io.tollgate.core.testing.TestTokens.hashOf;
import static io.tollgate.core.testing.TestTokens.newToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.core.domain.Actor;
import io.tollgate.core.domain.AuditEntry;
import io.tollgate.core.domain.Token;
import io.tollgate.core.domain.TokenId;
import io.tollgate.core.domain.TokenName;
import io.tollgate.core.domain.TokenNameAlreadyExistsException;
import io.tollgate.core.domain.TokenStatus;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The unit of work every {@link TokenStore} must keep: what a transaction writes (tokens, the
 * recovery code, audit entries) commits together or not at all. A store's test subclasses this,
 * supplies a fresh, empty store and a way to make its audit appends fail.
 */
public abstract class TokenStoreContract implements LastUseContract {

  private static final AuditEntry CREATED =
      new AuditEntry(T0, "token.created", "ci", Actor.BOOTSTRAP);

  protected TokenStore store;

  /** A new, empty store. */
  protected abstract TokenStore newStore();

  /**
   * Makes every later audit append of {@code store} fail, as a full disk or a broken table would.
   */
  protected abstract void breakAuditLog(TokenStore store);

  @Override
  public TokenStore storeUnderTest() {
    return store;
  }

  @BeforeEach
  void openStore() {
    store = newStore();
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  @Test
  void aChangeAndItsAuditEntry_commitTogether() {
    Token stored =
        store.inTransaction(
            tx -> {
              Token inserted = tx.tokens().insert(newToken("ci"));
              tx.audit(CREATED);
              return inserted;
            });

    assertThat(store.tokens().findByName(TokenName.of("ci"))).contains(stored);
    assertThat(store.auditLog().entries()).containsExactly(CREATED);
  }

  @Test
  void aTransactionLockedForChange_readsAndWritesAsAnyOther_andLocksOnlyOnce() {
    Token ci = store.inTransaction(tx -> tx.tokens().insert(newToken("ci")));

    Token other =
        store.inTransaction(
            tx -> {
              tx.lockForChange();
              assertThat(tx.tokens().findByName(TokenName.of("ci"))).contains(ci);
              Token inserted = tx.tokens().insert(newToken("other"));
              tx.lockForChange();
              tx.audit(CREATED);
              return inserted;
            });

    assertThat(store.tokens().findAll()).containsExactly(ci, other);
    assertThat(store.auditLog().entries()).containsExactly(CREATED);
  }

  @Test
  void aTransaction_seesItsOwnWrites() {
    boolean seen =
        store.inTransaction(
            tx -> {
              tx.tokens().insert(newToken("ci"));
              tx.recoveryCodes().replace("code-hash", T0);
              return tx.tokens().findByName(TokenName.of("ci")).isPresent()
                  && tx.recoveryCodes().currentHash().isPresent();
            });

    assertThat(seen).isTrue();
  }

  @Test
  void workThatThrowsAfterWriting_leavesNoTokenNoCodeAndNoAuditLine() {
    Token existing = store.tokens().insert(newToken("existing"));
    RuntimeException failure = new IllegalStateException("the work failed");

    assertThatThrownBy(
            () ->
                store.inTransaction(
                    tx -> {
                      tx.tokens().insert(newToken("ci"));
                      tx.tokens()
                          .updateDetails(
                              TokenName.of("existing"), null, TokenStatus.INACTIVE, T0, null);
                      tx.tokens().deleteByName(TokenName.of("existing"));
                      tx.recoveryCodes().replace("code-hash", T0);
                      tx.audit(CREATED);
                      throw failure;
                    }))
        .isSameAs(failure);

    assertThat(store.tokens().findAll()).containsExactly(existing);
    assertThat(store.recoveryCodes().currentHash()).isEmpty();
    assertThat(store.auditLog().entries()).isEmpty();
  }

  @Test
  void aFailingAuditAppend_rollsTheChangeBack() {
    Token existing = store.tokens().insert(newToken("existing"));
    breakAuditLog(store);

    assertThatThrownBy(
        () ->
            store.inTransaction(
                tx -> {
                  tx.tokens().insert(newToken("ci"));
                  tx.tokens().deleteByName(TokenName.of("existing"));
                  tx.recoveryCodes().replace("code-hash", T0);
                  tx.audit(CREATED);
                  return null;
                }));

    assertThat(store.tokens().findAll()).containsExactly(existing);
    assertThat(store.recoveryCodes().currentHash()).isEmpty();
    assertThat(store.auditLog().entries()).isEmpty();
  }

  @Test
  void aFailedWrite_recordsNoAuditLine() {
    Token existing = store.tokens().insert(newToken("ci"));

    assertThatThrownBy(
            () ->
                store.inTransaction(
                    tx -> {
                      tx.audit(CREATED);
                      return tx.tokens().insert(newToken("ci", "apiv3_another-secret"));
                    }))
        .isInstanceOf(TokenNameAlreadyExistsException.class);

    assertThat(store.auditLog().entries()).isEmpty();
    assertThat(store.tokens().findAll()).containsExactly(existing);
  }

  @Test
  void ids_keepIncreasingAndAreNeverReused_afterARolledBackInsert() {
    Token first = store.tokens().insert(newToken("first"));
    TokenId[] handedOut = new TokenId[1];
    assertThatThrownBy(
        () ->
            store.inTransaction(
                tx -> {
                  handedOut[0] = tx.tokens().insert(newToken("rolled-back")).id();
                  throw new IllegalStateException("the work failed");
                }));

    Token next = store.tokens().insert(newToken("next"));

    assertThat(first.id()).isEqualTo(TokenId.of(0));
    assertThat(next.id().value()).isGreaterThan(handedOut[0].value());
    assertThat(store.tokens().findAll())
        .extracting(Token::name)
        .containsExactly(TokenName.of("first"), TokenName.of("next"));
  }

  @Test
  void theRecoveryCodeAndItsAuditEntry_commitTogether() {
    AuditEntry issued = new AuditEntry(T0, "recovery_code.issued", null, Actor.BOOTSTRAP);

    store.inTransaction(
        tx -> {
          tx.recoveryCodes().replace("code-hash", T0);
          tx.audit(issued);
          return null;
        });
    boolean spent =
        store.inTransaction(
            tx -> {
              boolean consumed = tx.recoveryCodes().consume("code-hash");
              tx.audit(issued);
              return consumed;
            });

    assertThat(spent).isTrue();
    assertThat(store.recoveryCodes().currentHash()).isEmpty();
    assertThat(store.auditLog().entries()).containsExactly(issued, issued);
  }

  @Test
  void aRolledBackRegeneration_keepsTheOldHash() {
    Token operator = store.tokens().insert(newToken("_admin", "apiv3_old"));

    assertThatThrownBy(
        () ->
            store.inTransaction(
                tx -> {
                  tx.tokens()
                      .replaceHash(operator.id(), operator.hash(), hashOf("apiv3_new"), T0, null);
                  throw new IllegalStateException("the work failed");
                }));

    assertThat(store.tokens().findByHash(hashOf("apiv3_old"))).contains(operator);
    assertThat(store.tokens().findByHash(hashOf("apiv3_new"))).isEmpty();
  }

  @Test
  void auditEntries_areReadBackOldestFirst() {
    AuditEntry later = new AuditEntry(T0.plusSeconds(1), "token.deleted", "ci", Actor.BOOTSTRAP);
    store.inTransaction(
        tx -> {
          tx.audit(CREATED);
          return null;
        });
    store.auditLog().record(later);

    assertThat(store.auditLog().entries()).isEqualTo(List.of(CREATED, later));
  }
}
