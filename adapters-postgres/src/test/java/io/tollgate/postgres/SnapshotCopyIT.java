package io.tollgate.postgres;

import static io.tollgate.core.testing.TestTokens.T0;
import static io.tollgate.core.testing.TestTokens.hashOf;
import static io.tollgate.core.testing.TestTokens.newResourceToken;
import static io.tollgate.core.testing.TestTokens.newToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.tollgate.core.domain.Actor;
import io.tollgate.core.domain.AuditEntry;
import io.tollgate.core.domain.Description;
import io.tollgate.core.domain.RequestOrigin;
import io.tollgate.core.domain.StoreException;
import io.tollgate.core.domain.Token;
import io.tollgate.core.domain.TokenId;
import io.tollgate.core.domain.TokenName;
import io.tollgate.core.domain.TokenStatus;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What {@code store copy} needs: a whole store read consistently, and written verbatim. */
class SnapshotCopyIT {

  private TestDatabase sourceDatabase;
  private TestDatabase targetDatabase;
  private PostgresStore source;
  private PostgresStore target;

  @BeforeEach
  void openStores() {
    sourceDatabase = TestPostgres.freshDatabase();
    targetDatabase = TestPostgres.freshDatabase();
    source = PostgresStores.open(sourceDatabase.url());
    target = PostgresStores.open(targetDatabase.url());
  }

  @AfterEach
  void closeStores() {
    source.close();
    target.close();
    sourceDatabase.close();
    targetDatabase.close();
  }

  private StoreSnapshot fillSource() {
    Token admin = source.tokens().insert(newToken("_admin", "apiv3_old"));
    source
        .tokens()
        .replaceHash(admin.id(), hashOf("apiv3_old"), hashOf("apiv3_new"), T0, admin.id());
    source.tokens().insert(newResourceToken("dashboard", "db:metrics:read"));
    Token ci = source.tokens().insert(newToken("ci"));
    source
        .tokens()
        .updateDetails(ci.name(), Description.of("deploys"), TokenStatus.INACTIVE, T0, admin.id());
    source.recordLastUse(java.util.Map.of(ci.id(), T0.plusSeconds(42)));
    source.tokens().insertImported(newToken("from-file", "apiv3_file"));
    source.tokens().deleteByName(TokenName.of("from-file"));
    source.recoveryCodes().replace("$argon2id$v=19$code", T0);
    source
        .auditLog()
        .record(
            new AuditEntry(
                T0,
                "token.created",
                "ci",
                Actor.token(admin)
                    .withOrigin(
                        new RequestOrigin(
                            "203.0.113.9", "POST", "/api/v3/configure/token/ci", "req-1"))));
    source
        .auditLog()
        .record(
            new AuditEntry(
                T0.plusMillis(1),
                "auth.failed",
                null,
                Actor.UNAUTHENTICATED,
                new RequestOrigin("198.51.100.7", "GET", "/metrics", null),
                "0123456789abcdef",
                4));
    return source.exportSnapshot();
  }

  @Test
  void importSnapshot_writesEveryRowVerbatim_andExportReadsItBackEqual() throws Exception {
    StoreSnapshot copied = fillSource();
    assertThat(copied.nextTokenId()).isEqualTo(4);
    assertThat(copied.tokens()).hasSize(3);
    assertThat(copied.importedTokens()).hasSize(1);
    BlockingQueue<TokenId> told = new LinkedBlockingQueue<>();
    try (PostgresStore otherNode = PostgresStores.open(targetDatabase.url())) {
      otherNode.onChangeElsewhere(told::add);

      target.importSnapshot(copied);

      assertThat(target.exportSnapshot()).isEqualTo(copied);
      assertThat(target.clusterId()).isEqualTo(source.clusterId());
      assertThat(target.tokens().findAll()).isEqualTo(source.tokens().findAll());
      assertThat(target.tokens().wasImported(hashOf("apiv3_file"))).isTrue();
      assertThat(target.recoveryCodes().currentHash()).contains("$argon2id$v=19$code");
      assertThat(target.auditLog().entries()).isEqualTo(source.auditLog().entries());
      assertThat(target.auditLog().entries())
          .extracting(AuditEntry::credentialFp, AuditEntry::count, e -> e.origin().clientAddress())
          .containsExactly(
              tuple(null, 1L, "203.0.113.9"), tuple("0123456789abcdef", 4L, "198.51.100.7"));
      assertThat(target.tokens().insert(newToken("after-copy")).id()).isEqualTo(TokenId.of(4));
      for (Token token : copied.tokens()) {
        assertThat(told.poll(2, TimeUnit.SECONDS)).isEqualTo(token.id());
      }
    }
    try (PostgresStore reopened = PostgresStores.open(targetDatabase.url())) {
      assertThat(reopened.clusterId()).isEqualTo(source.clusterId());
    }
  }

  @Test
  void importSnapshot_intoAStoreThatHoldsAnything_isRefusedAndWritesNothing() {
    StoreSnapshot copied = fillSource();
    target.auditLog().record(new AuditEntry(T0, "token.deleted", "old", Actor.BOOTSTRAP));
    UUID before = target.clusterId();

    assertThatThrownBy(() -> target.importSnapshot(copied))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("not empty")
        .hasMessageContaining(targetDatabase.name());

    assertThat(target.tokens().findAll()).isEmpty();
    assertThat(target.exportSnapshot().clusterId()).isEqualTo(before);
  }

  @Test
  void importSnapshot_ofRowsThatBreakTheSchema_writesNothing() {
    Token one = newToken("same").withId(TokenId.of(0));
    Token two = newToken("same", "apiv3_other").withId(TokenId.of(1));
    StoreSnapshot broken =
        new StoreSnapshot(UUID.randomUUID(), 2, List.of(one, two), List.of(), List.of(), null);

    assertThatThrownBy(() -> target.importSnapshot(broken))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("tokens_name_key");

    assertThat(target.exportSnapshot().tokens()).isEmpty();
    assertThat(target.tokens().insert(newToken("first")).id()).isEqualTo(TokenId.of(0));
  }

  @Test
  void aSnapshot_whoseIdCounterIsNotAboveEveryId_isRefused_andHidesTheRecoveryHash() {
    Token token = newToken("a").withId(TokenId.of(5));

    assertThatThrownBy(
            () ->
                new StoreSnapshot(UUID.randomUUID(), 5, List.of(token), List.of(), List.of(), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("above every token id");
    assertThat(new StoreSnapshot.RecoveryCode("$argon2id$secret-hash", T0).toString())
        .doesNotContain("secret-hash");
  }
}
