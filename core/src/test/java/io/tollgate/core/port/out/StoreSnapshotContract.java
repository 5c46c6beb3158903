package io.tollgate.core.port.out;

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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What {@code store copy} needs of every store that can be copied: {@link
 * TokenStore#exportSnapshot()} reads the whole store, {@link TokenStore#importSnapshot} writes it
 * verbatim into an empty store of any kind, all or nothing. A store's test subclasses this.
 */
public abstract class StoreSnapshotContract {

  protected TokenStore source;
  protected TokenStore target;

  /** A new, empty store; each call a different one. */
  protected abstract TokenStore newStore();

  /** {@code store} closed and opened again. */
  protected abstract TokenStore reopen(TokenStore store);

  @BeforeEach
  void openStores() {
    source = newStore();
    target = newStore();
  }

  @AfterEach
  void closeStores() {
    source.close();
    target.close();
  }

  /** A store with every kind of row: a regenerated operator, a deleted import, audit lines. */
  protected StoreSnapshot fillSource() {
    Token admin = source.tokens().insert(newToken("_admin", "apiv3_old"));
    source
        .tokens()
        .replaceHash(admin.id(), hashOf("apiv3_old"), hashOf("apiv3_new"), T0, admin.id());
    source.tokens().insert(newResourceToken("dashboard", "db:metrics:read"));
    Token ci = source.tokens().insert(newToken("ci"));
    source
        .tokens()
        .updateDetails(ci.name(), Description.of("deploys"), TokenStatus.INACTIVE, T0, admin.id());
    source.recordLastUse(java.util.Map.of(ci.id(), T0.plusSeconds(42))); // copied with the token
    source.tokens().insertImported(newToken("from-file", "apiv3_file"));
    source.tokens().deleteByName(TokenName.of("from-file"));
    source.recoveryCodes().replace("$argon2id$v=19$code", T0);
    source
        .auditLog()
        .record(
            List.of(
                new AuditEntry(
                    T0,
                    AuditEntry.TOKEN_CREATED,
                    "ci",
                    Actor.token(admin)
                        .withOrigin(
                            new RequestOrigin(
                                "203.0.113.9", "POST", "/api/v3/configure/token/ci", "req-1"))),
                new AuditEntry(
                    T0.plusMillis(1),
                    AuditEntry.AUTH_FAILED,
                    null,
                    Actor.UNAUTHENTICATED,
                    new RequestOrigin("198.51.100.7", "GET", "/metrics", null),
                    "0123456789abcdef",
                    4)));
    return source.exportSnapshot();
  }

  @Test
  void export_readsEveryKindOfRow() {
    StoreSnapshot copied = fillSource();

    assertThat(copied.clusterId()).isEqualTo(source.clusterId());
    assertThat(copied.nextTokenId()).isEqualTo(4);
    assertThat(copied.tokens()).isEqualTo(source.tokens().findAll());
    assertThat(copied.importedTokens())
        .extracting(StoreSnapshot.ImportedToken::name)
        .containsExactly(TokenName.of("from-file"));
    assertThat(copied.auditEntries()).isEqualTo(source.auditLog().entries());
    assertThat(copied.auditKey()).isEqualTo(source.auditLog().fingerprintKey());
    assertThat(copied.recoveryCode().encodedHash()).isEqualTo("$argon2id$v=19$code");
  }

  @Test
  void import_writesEveryRowVerbatim_andExportReadsItBackEqual() {
    StoreSnapshot copied = fillSource();

    target.importSnapshot(copied);

    assertThat(target.exportSnapshot()).isEqualTo(copied);
    assertThat(target.clusterId()).isEqualTo(source.clusterId());
    assertThat(target.tokens().findAll()).isEqualTo(source.tokens().findAll());
    assertThat(target.tokens().wasImported(hashOf("apiv3_file"))).isTrue();
    assertThat(target.recoveryCodes().currentHash()).contains("$argon2id$v=19$code");
    assertThat(target.auditLog().fingerprintKey()).isEqualTo(source.auditLog().fingerprintKey());
    assertThat(target.auditLog().entries())
        .extracting(AuditEntry::credentialFp, AuditEntry::count, e -> e.origin().clientAddress())
        .containsExactly(
            tuple(null, 1L, "203.0.113.9"), tuple("0123456789abcdef", 4L, "198.51.100.7"));
    assertThat(target.tokens().insert(newToken("after-copy")).id()).isEqualTo(TokenId.of(4));
  }

  @Test
  void import_survivesAReopen_withTheSourcesIdentityAndIdCounter() {
    StoreSnapshot copied = fillSource();
    target.importSnapshot(copied);

    target = reopen(target);

    assertThat(target.clusterId()).isEqualTo(source.clusterId());
    assertThat(target.auditLog().fingerprintKey()).isEqualTo(source.auditLog().fingerprintKey());
    assertThat(target.exportSnapshot()).isEqualTo(copied);
    assertThat(target.tokens().insert(newToken("after-copy")).id()).isEqualTo(TokenId.of(4));
  }

  @Test
  void import_ofAStoreWhoseHighestIdsWereDeleted_neverReusesThem() {
    source.tokens().insert(newToken("a"));
    source.tokens().insert(newToken("b"));
    source.tokens().deleteByName(TokenName.of("b"));

    target.importSnapshot(source.exportSnapshot());

    assertThat(target.tokens().insert(newToken("c")).id()).isEqualTo(TokenId.of(2));
  }

  @Test
  void import_intoAStoreThatHoldsAnything_isRefusedAndWritesNothing() {
    StoreSnapshot copied = fillSource();
    target.auditLog().record(List.of(new AuditEntry(T0, "token.deleted", "old", Actor.BOOTSTRAP)));
    UUID before = target.clusterId();
    byte[] keyBefore = target.auditLog().fingerprintKey();

    assertThatThrownBy(() -> target.importSnapshot(copied))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("not empty");

    assertThat(target.tokens().findAll()).isEmpty();
    assertThat(target.exportSnapshot().clusterId()).isEqualTo(before);
    assertThat(target.exportSnapshot().auditKey()).isEqualTo(keyBefore);
  }

  @Test
  void import_intoAStoreWhoseIdCounterMoved_isRefused() {
    target.tokens().insert(newToken("gone"));
    target.tokens().deleteByName(TokenName.of("gone"));

    assertThatThrownBy(() -> target.importSnapshot(fillSource()))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("not empty");
  }

  @Test
  void import_ofRowsThatBreakTheSchema_writesNothing() {
    Token one = newToken("same").withId(TokenId.of(0));
    Token two = newToken("same", "apiv3_other").withId(TokenId.of(1));
    StoreSnapshot broken =
        new StoreSnapshot(
            UUID.randomUUID(), 2, List.of(one, two), List.of(), List.of(), new byte[32], null);
    UUID before = target.clusterId();

    assertThatThrownBy(() -> target.importSnapshot(broken)).isInstanceOf(StoreException.class);

    assertThat(target.exportSnapshot().tokens()).isEmpty();
    assertThat(target.clusterId()).isEqualTo(before);
    assertThat(target.tokens().insert(newToken("first")).id()).isEqualTo(TokenId.of(0));
  }
}
