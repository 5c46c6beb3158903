package io.tollgate.postgres;

import static io.tollgate.core.testing.TestTokens.T0;
import static io.tollgate.core.testing.TestTokens.newToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.core.crypto.Sha512TokenHasher;
import io.tollgate.core.domain.Actor;
import io.tollgate.core.domain.AuditEntry;
import io.tollgate.core.domain.Description;
import io.tollgate.core.domain.IssuedToken;
import io.tollgate.core.domain.Lifetime;
import io.tollgate.core.domain.NotAuthenticatedException;
import io.tollgate.core.domain.RequestOrigin;
import io.tollgate.core.domain.StoreException;
import io.tollgate.core.domain.Token;
import io.tollgate.core.domain.TokenId;
import io.tollgate.core.domain.TokenName;
import io.tollgate.core.domain.TokenNameAlreadyExistsException;
import io.tollgate.core.domain.TokenStatus;
import io.tollgate.core.port.in.CreateNamedAdminTokenUseCase.CreateNamedAdminTokenCommand;
import io.tollgate.core.port.in.UpdateTokenUseCase.UpdateTokenCommand;
import io.tollgate.core.port.out.StoreTransaction;
import io.tollgate.core.service.TokenService;
import io.tollgate.core.testing.SequentialSecretGenerator;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The unit of work on one PostgreSQL store: all or nothing, change log with every change. */
class PostgresStoreIT {

  private static final AuditEntry CREATED =
      new AuditEntry(T0, "token.created", "ci", Actor.BOOTSTRAP);

  private static TestDatabase database;
  private PostgresStore store;

  @BeforeAll
  static void createDatabase() {
    database = TestPostgres.freshDatabase();
  }

  @AfterAll
  static void dropDatabase() {
    database.close();
  }

  @BeforeEach
  void openStore() {
    database.reset();
    store = PostgresStores.open(database.url());
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  private long rows(String table) {
    return database.queryLong("SELECT count(*) FROM " + table);
  }

  @Test
  void inTransaction_commitsTheChangeItsAuditLineAndItsChangeLogRowTogether() {
    Token ci =
        store.inTransaction(
            tx -> {
              Token token = tx.tokens().insert(newToken("ci"));
              tx.audit(CREATED);
              return token;
            });

    assertThat(store.tokens().findAll()).containsExactly(ci);
    assertThat(store.auditLog().entries()).containsExactly(CREATED);
    assertThat(database.queryLong("SELECT token_id FROM change_log")).isEqualTo(ci.id().value());
    assertThat(rows("change_log")).isEqualTo(1);
  }

  @Test
  void workThatThrowsAfterWriting_leavesNoTokenNoAuditLineNoChangeLogRow_andItsIdStaysUsed() {
    IllegalStateException failure = new IllegalStateException("the work failed");

    assertThatThrownBy(
            () ->
                store.inTransaction(
                    tx -> {
                      tx.tokens().insert(newToken("ci"));
                      tx.audit(CREATED);
                      tx.recoveryCodes().replace("$argon2id$code", T0);
                      throw failure;
                    }))
        .isSameAs(failure);

    assertThat(store.tokens().findAll()).isEmpty();
    assertThat(store.auditLog().entries()).isEmpty();
    assertThat(store.recoveryCodes().currentHash()).isEmpty();
    assertThat(rows("change_log")).isZero();
    // SPEC §11: ids are never reused, not even one handed out in a rolled-back transaction
    assertThat(store.tokens().insert(newToken("next")).id()).isEqualTo(TokenId.of(1));
  }

  @Test
  void aRefusedWrite_recordsNoAuditLine_andTheWorkMayGoOnInTheSameTransaction() {
    store.tokens().insert(newToken("ci"));

    Token other =
        store.inTransaction(
            tx -> {
              tx.audit(CREATED);
              assertThatThrownBy(() -> tx.tokens().insert(newToken("ci", "apiv3_again")))
                  .isInstanceOf(TokenNameAlreadyExistsException.class);
              return tx.tokens().insert(newToken("other"));
            });

    // the refused insert handed its id back: nothing of it remains
    assertThat(other.id()).isEqualTo(TokenId.of(1));
    assertThat(store.auditLog().entries()).containsExactly(CREATED);

    assertThatThrownBy(
            () ->
                store.inTransaction(
                    tx -> {
                      tx.audit(CREATED);
                      return tx.tokens().insert(newToken("ci", "apiv3_third"));
                    }))
        .isInstanceOf(TokenNameAlreadyExistsException.class);
    assertThat(store.auditLog().entries()).containsExactly(CREATED);
  }

  @Test
  void everyKindOfTokenChange_writesAChangeLogRowForItsToken() {
    Token ci = store.tokens().insert(newToken("ci"));
    store
        .tokens()
        .updateDetails(ci.name(), null, io.tollgate.core.domain.TokenStatus.INACTIVE, T0, null);
    store.tokens().deleteByName(ci.name());
    store
        .tokens()
        .updateDetails(
            TokenName.of("gone"), null, io.tollgate.core.domain.TokenStatus.ACTIVE, T0, null);

    assertThat(database.queryLong("SELECT count(*) FROM change_log WHERE token_id = 0"))
        .isEqualTo(3);
    assertThat(rows("change_log")).isEqualTo(3);
  }

  @Test
  void recordLastUse_writesNoChangeLogRowAndNoAuditLine() {
    Token ci = store.tokens().insert(newToken("ci"));
    long changesBefore = rows("change_log");

    store.recordLastUse(java.util.Map.of(ci.id(), T0.plusSeconds(5)));

    assertThat(store.tokens().findById(ci.id()).orElseThrow().lastUsedAt())
        .isEqualTo(T0.plusSeconds(5));
    assertThat(rows("change_log")).isEqualTo(changesBefore);
    assertThat(rows("audit_log")).isZero();
  }

  @Test
  void aReadOnlyUnitOfWork_writesNoChangeLogRow() {
    store.tokens().insert(newToken("ci"));

    store.inTransaction(tx -> tx.tokens().findAll());

    assertThat(rows("change_log")).isEqualTo(1);
  }

  @Test
  void aUnitOfWorkInsideAnother_isRefusedAndTheOuterOneRollsBack() {
    assertThatThrownBy(
            () ->
                store.inTransaction(
                    tx -> {
                      tx.tokens().insert(newToken("outer"));
                      return store.inTransaction(inner -> inner.tokens().insert(newToken("x")));
                    }))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("started another");

    assertThat(store.tokens().findAll()).isEmpty();
  }

  @Test
  void aTransaction_cannotBeUsedAfterItsCallReturned() {
    AtomicReference<StoreTransaction> kept = new AtomicReference<>();
    store.inTransaction(
        tx -> {
          kept.set(tx);
          return null;
        });

    assertThatThrownBy(() -> kept.get().tokens().insert(newToken("late")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("after its inTransaction call returned");
    assertThat(store.tokens().findAll()).isEmpty();
  }

  @Test
  void recoveryCode_isReplacedAndSpentOnce() {
    store.recoveryCodes().replace("$argon2id$first", T0);
    store.recoveryCodes().replace("$argon2id$second", T0.plusSeconds(1));

    assertThat(store.recoveryCodes().currentHash()).contains("$argon2id$second");
    assertThat(store.recoveryCodes().consume("$argon2id$first")).isFalse();
    assertThat(store.recoveryCodes().consume("$argon2id$second")).isTrue();
    assertThat(store.recoveryCodes().consume("$argon2id$second")).isFalse();
    assertThat(store.recoveryCodes().currentHash()).isEmpty();
  }

  @Test
  void auditLog_recordsOnItsOwnAndListsOldestFirst() {
    AuditEntry first =
        new AuditEntry(
            T0,
            "auth.failed",
            null,
            Actor.UNAUTHENTICATED,
            new RequestOrigin("198.51.100.7", "GET", "/metrics", "req-9"),
            "0123456789abcdef",
            2);
    AuditEntry second =
        new AuditEntry(
            T0.plusMillis(1), "token.deleted", "ci", new Actor(TokenId.of(3), "token 3"));

    store.auditLog().record(first);
    store.auditLog().record(second);

    assertThat(store.auditLog().entries()).containsExactly(first, second);
  }

  @Test
  void clusterId_isCreatedOnceAndKeptAcrossOpens() {
    try (PostgresStore again = PostgresStores.open(database.url())) {
      assertThat(again.clusterId()).isEqualTo(store.clusterId());
    }
  }

  @Test
  void aClosedStore_refusesWorkWithAStoreException_andCloseIsIdempotent() {
    store.close();
    store.close();

    assertThatThrownBy(() -> store.tokens().findAll())
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("is closed");
    assertThat(store.isCurrent()).isFalse();
  }

  @Test
  void pooledConnections_waitForLocksAndIdleTransactionsOnlyBoundedTimes() {
    assertThat(setting("lock_timeout")).isEqualTo(PostgresStores.LOCK_TIMEOUT);
    assertThat(setting("idle_in_transaction_session_timeout"))
        .isEqualTo(PostgresStores.IDLE_IN_TRANSACTION_TIMEOUT);
  }

  private String setting(String name) {
    return store.read(
        "test", handle -> handle.createQuery("SHOW " + name).mapTo(String.class).one());
  }

  @Test
  void toStringAndLocation_nameTheStoreWithoutItsPassword() {
    assertThat(store.toString()).startsWith("PostgresStore[postgresql://");
    assertThat(store.location()).contains(database.name());
  }

  // --- changes racing another node's: each sees what committed before it had the write lock ---

  private static final String DELETE_CI_ELSEWHERE = "DELETE FROM tokens WHERE name = 'ci'";

  private TokenService service;
  private IssuedToken admin;
  private Actor byCi;

  private void twoAdminsAndOther() {
    service =
        new TokenService(
            store, new Sha512TokenHasher(), new SequentialSecretGenerator(), Clock.systemUTC());
    admin = service.createOperatorToken();
    byCi = Actor.token(createNamed("ci", Actor.BOOTSTRAP).token());
    createNamed("other", Actor.BOOTSTRAP);
  }

  private IssuedToken createNamed(String name, Actor actor) {
    return service.createNamedAdminToken(
        new CreateNamedAdminTokenCommand(TokenName.named(name), Lifetime.FOREVER, null, actor));
  }

  /**
   * Runs {@code change} on another thread while a transaction of another node holds the write lock
   * and has run {@code sql}; commits that transaction once the change waits for the lock.
   *
   * @return the change's outcome, once it has one
   */
  private static <T> CompletableFuture<T> racingAnotherNode(String sql, Supplier<T> change)
      throws Exception {
    try (Connection elsewhere = database.connect();
        Statement statement = elsewhere.createStatement()) {
      elsewhere.setAutoCommit(false);
      statement.execute("SELECT next_token_id FROM meta WHERE id = 0 FOR UPDATE");
      statement.execute(sql);
      CompletableFuture<T> outcome = CompletableFuture.supplyAsync(change);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (database.queryLong(
              "SELECT count(*) FROM pg_stat_activity"
                  + " WHERE datname = current_database() AND wait_event_type = 'Lock'")
          == 0) {
        assertThat(System.nanoTime()).as("the change waiting for the lock").isLessThan(deadline);
        Thread.sleep(10);
      }
      elsewhere.commit();
      outcome.handle((result, failure) -> null).get(30, TimeUnit.SECONDS);
      return outcome;
    }
  }

  @Test
  void aCreationWaitingWhileItsActingTokenIsDeletedElsewhere_isRefused() throws Exception {
    twoAdminsAndOther();

    CompletableFuture<IssuedToken> created =
        racingAnotherNode(DELETE_CI_ELSEWHERE, () -> createNamed("late", byCi));

    assertThatThrownBy(created::get).hasCauseInstanceOf(NotAuthenticatedException.class);
    assertThat(store.tokens().findByName(TokenName.of("late"))).isEmpty();
  }

  @Test
  void aDeletionWaitingWhileItsActingTokenIsDeletedElsewhere_isRefused() throws Exception {
    twoAdminsAndOther();

    CompletableFuture<Token> deleted =
        racingAnotherNode(
            DELETE_CI_ELSEWHERE, () -> service.deleteToken(TokenName.of("other"), byCi));

    assertThatThrownBy(deleted::get).hasCauseInstanceOf(NotAuthenticatedException.class);
    assertThat(store.tokens().findByName(TokenName.of("other"))).isPresent();
  }

  @Test
  void anUpdateWaitingWhileTheTokenChangesElsewhere_keepsWhatItDoesNotChange() throws Exception {
    twoAdminsAndOther();
    UpdateTokenCommand describe =
        new UpdateTokenCommand(
            TokenName.of("other"),
            Optional.of(Description.of("described")),
            Optional.empty(),
            Actor.token(admin.token()));

    racingAnotherNode(
        "UPDATE tokens SET status = 'inactive' WHERE name = 'other'",
        () -> service.updateToken(describe));

    Token other = store.tokens().findByName(TokenName.of("other")).orElseThrow();
    assertThat(other.description()).isEqualTo(Description.of("described"));
    assertThat(other.status()).isEqualTo(TokenStatus.INACTIVE); // not put back to active
  }
}
