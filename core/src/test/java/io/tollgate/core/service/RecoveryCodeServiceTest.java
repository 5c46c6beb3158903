package io.tollgate.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.core.crypto.Sha512TokenHasher;
import io.tollgate.core.domain.Actor;
import io.tollgate.core.domain.AuditEntry;
import io.tollgate.core.domain.ForbiddenException;
import io.tollgate.core.domain.IssuedToken;
import io.tollgate.core.domain.Lifetime;
import io.tollgate.core.domain.NotAuthenticatedException;
import io.tollgate.core.domain.OperatorTokenMissingException;
import io.tollgate.core.domain.Permissions;
import io.tollgate.core.domain.RecoveryCode;
import io.tollgate.core.domain.RecoveryCodeRejectedException;
import io.tollgate.core.domain.TokenName;
import io.tollgate.core.domain.TokenStatus;
import io.tollgate.core.domain.TooManyAttemptsException;
import io.tollgate.core.memory.InMemoryTokenStore;
import io.tollgate.core.port.in.CreateNamedAdminTokenUseCase.CreateNamedAdminTokenCommand;
import io.tollgate.core.port.in.CreateResourceTokenUseCase.CreateResourceTokenCommand;
import io.tollgate.core.port.in.UpdateTokenUseCase.UpdateTokenCommand;
import io.tollgate.core.port.out.RecoveryCodeHasher;
import io.tollgate.core.testing.MutableClock;
import io.tollgate.core.testing.SequentialSecretGenerator;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RecoveryCodeServiceTest {

  /** Stands in for Argon2id: a reversible "hash" is enough to test the rules around it. */
  private static final RecoveryCodeHasher FAKE_HASHER =
      new RecoveryCodeHasher() {
        @Override
        public String hash(char[] code) {
          return "fake$" + new String(code);
        }

        @Override
        public boolean verify(String encodedHash, char[] code) {
          return encodedHash.equals(hash(code));
        }
      };

  private final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
  private final InMemoryTokenStore store = new InMemoryTokenStore();
  private TokenService tokens;
  private RecoveryCodeService recovery;
  private IssuedToken admin;

  @BeforeEach
  void setUp() {
    tokens =
        new TokenService(store, new Sha512TokenHasher(), new SequentialSecretGenerator(), clock);
    recovery = new RecoveryCodeService(tokens, store, FAKE_HASHER, new SecureRandom(), clock);
    admin = tokens.createOperatorToken();
  }

  @Test
  void issue_showsA125BitCodeInFiveGroupsAndStoresOnlyItsHash() {
    RecoveryCode code = recovery.issueRecoveryCode(Actor.token(admin.token()));

    assertThat(code.grouped()).matches("([0-9A-HJKMNP-TV-Z]{5}-){4}[0-9A-HJKMNP-TV-Z]{5}");
    assertThat(RecoveryCode.BITS).isGreaterThanOrEqualTo(100);
    assertThat(store.recoveryCodes().currentHash())
        .contains("fake$" + new String(code.canonical()));
    assertThat(code.toString()).doesNotContain(code.grouped());
  }

  @Test
  void issue_byAnyTokenButAUsableOperator_isRefusedAndStoresNothing() {
    Actor byAdmin = Actor.token(admin.token());
    IssuedToken named = createNamed("named", byAdmin);
    IssuedToken deleted = createNamed("deleted", byAdmin);
    IssuedToken inactive = createNamed("inactive", byAdmin);
    IssuedToken dashboard =
        tokens.createResourceToken(
            new CreateResourceTokenCommand(
                TokenName.named("dashboard"),
                Permissions.parse("system:ping:read"),
                Lifetime.FOREVER,
                null,
                byAdmin));
    tokens.deleteToken(deleted.token().name(), byAdmin);
    tokens.updateToken(
        new UpdateTokenCommand(
            inactive.token().name(), Optional.empty(), Optional.of(TokenStatus.INACTIVE), byAdmin));

    assertThatThrownBy(() -> recovery.issueRecoveryCode(Actor.token(deleted.token())))
        .isInstanceOf(NotAuthenticatedException.class);
    assertThatThrownBy(() -> recovery.issueRecoveryCode(Actor.token(inactive.token())))
        .isInstanceOf(NotAuthenticatedException.class);
    assertThatThrownBy(() -> recovery.issueRecoveryCode(Actor.token(dashboard.token())))
        .isInstanceOf(ForbiddenException.class);
    assertThatThrownBy(() -> recovery.issueRecoveryCode(Actor.token(named.token())))
        .isInstanceOf(ForbiddenException.class); // a named admin could take over _admin with one
    assertThat(store.recoveryCodes().currentHash()).isEmpty();
    assertThat(store.auditLog().entries())
        .extracting(AuditEntry::action)
        .doesNotContain(AuditEntry.RECOVERY_CODE_ISSUED);
  }

  private IssuedToken createNamed(String name, Actor actor) {
    return tokens.createNamedAdminToken(
        new CreateNamedAdminTokenCommand(TokenName.named(name), Lifetime.FOREVER, null, actor));
  }

  @Test
  void withoutACode_theListenerRegeneratesWithoutOne() {
    assertThat(recovery.recoveryCodeRequired()).isFalse();

    IssuedToken regenerated = recovery.regenerateWithRecoveryCode(null);

    assertThat(regenerated.token().id()).isEqualTo(admin.token().id());
    assertThat(tokens.authenticate(admin.secret().value()).isAuthenticated()).isFalse();
  }

  @Test
  void withACode_aMissingOrWrongCodeIsRejectedAndChangesNothing() {
    recovery.issueRecoveryCode(Actor.BOOTSTRAP);

    assertThatThrownBy(() -> recovery.regenerateWithRecoveryCode(null))
        .isInstanceOf(RecoveryCodeRejectedException.class);
    assertThatThrownBy(() -> recovery.regenerateWithRecoveryCode("00000-00000-00000-00000-00000"))
        .isInstanceOf(RecoveryCodeRejectedException.class);
    assertThat(tokens.authenticate(admin.secret().value()).isAuthenticated()).isTrue();
    assertThat(recovery.recoveryCodeRequired()).isTrue();
  }

  @Test
  void withACode_theRightCodeRegeneratesOnceAndIsSpent() {
    String typed = recovery.issueRecoveryCode(Actor.BOOTSTRAP).grouped().toLowerCase();

    IssuedToken regenerated = recovery.regenerateWithRecoveryCode(typed);

    assertThat(tokens.authenticate(regenerated.secret().value()).isAuthenticated()).isTrue();
    assertThat(recovery.recoveryCodeRequired()).isFalse();
    assertThat(store.auditLog().entries())
        .extracting(AuditEntry::action)
        .contains("recovery_code.spent");
  }

  @Test
  void issuingANewCode_replacesTheOldOne() {
    String first = recovery.issueRecoveryCode(Actor.BOOTSTRAP).grouped();
    String second = recovery.issueRecoveryCode(Actor.BOOTSTRAP).grouped();

    assertThatThrownBy(() -> recovery.regenerateWithRecoveryCode(first))
        .isInstanceOf(RecoveryCodeRejectedException.class);
    assertThat(recovery.regenerateWithRecoveryCode(second)).isNotNull();
  }

  @Test
  void attempts_areLimitedToFiveAMinute() {
    String code = recovery.issueRecoveryCode(Actor.BOOTSTRAP).grouped();
    for (int i = 0; i < 5; i++) {
      assertThatThrownBy(() -> recovery.regenerateWithRecoveryCode("wrong"))
          .isInstanceOf(RecoveryCodeRejectedException.class);
    }

    assertThatThrownBy(() -> recovery.regenerateWithRecoveryCode(code))
        .isInstanceOf(TooManyAttemptsException.class);

    clock.advance(Duration.ofSeconds(61));
    assertThat(recovery.regenerateWithRecoveryCode(code)).isNotNull();
  }

  @Test
  void aFailedRegeneration_doesNotSpendTheCode() {
    InMemoryTokenStore emptyStore = new InMemoryTokenStore();
    TokenService empty =
        new TokenService(
            emptyStore, new Sha512TokenHasher(), new SequentialSecretGenerator(), clock);
    RecoveryCodeService noOperator =
        new RecoveryCodeService(empty, emptyStore, FAKE_HASHER, new SecureRandom(), clock);
    String code = noOperator.issueRecoveryCode(Actor.BOOTSTRAP).grouped();

    assertThatThrownBy(() -> noOperator.regenerateWithRecoveryCode(code))
        .isInstanceOf(OperatorTokenMissingException.class);
    assertThat(noOperator.recoveryCodeRequired()).isTrue();
  }

  @Test
  void aCodeSpentWhileItWasBeingVerified_refusesTheRegenerationToo() {
    RecoveryCodeHasher spentMeanwhile =
        new RecoveryCodeHasher() {
          @Override
          public String hash(char[] code) {
            return FAKE_HASHER.hash(code);
          }

          @Override
          public boolean verify(String encodedHash, char[] code) {
            // another request (or node) spends the code during the slow verification
            store.recoveryCodes().consume(encodedHash);
            return FAKE_HASHER.verify(encodedHash, code);
          }
        };
    RecoveryCodeService racing =
        new RecoveryCodeService(tokens, store, spentMeanwhile, new SecureRandom(), clock);
    String code = racing.issueRecoveryCode(Actor.BOOTSTRAP).grouped();

    assertThatThrownBy(() -> racing.regenerateWithRecoveryCode(code))
        .isInstanceOf(RecoveryCodeRejectedException.class);
    assertThat(tokens.authenticate(admin.secret().value()).isAuthenticated()).isTrue();
    assertThat(store.auditLog().entries())
        .extracting(AuditEntry::action)
        .doesNotContain("token.regenerated", "recovery_code.spent");
  }

  @Test
  void theRegenerationAndTheSpentCode_areOneChange() {
    String code = recovery.issueRecoveryCode(Actor.BOOTSTRAP).grouped();

    recovery.regenerateWithRecoveryCode(code);

    assertThat(store.auditLog().entries())
        .extracting(AuditEntry::action)
        .containsSubsequence("token.regenerated", "recovery_code.spent");
    assertThat(store.recoveryCodes().currentHash()).isEmpty();
  }

  @Test
  void aServiceOnAnotherStore_isRefused() {
    assertThatThrownBy(
            () ->
                new RecoveryCodeService(
                    tokens, new InMemoryTokenStore(), FAKE_HASHER, new SecureRandom(), clock))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void parse_acceptsWhatAPersonTypes() {
    try (RecoveryCode parsed = RecoveryCode.parseOrNull("abcde fghjk-mnpqr-stvwx-yz01o")) {
      assertThat(parsed.grouped()).isEqualTo("ABCDE-FGHJK-MNPQR-STVWX-YZ010");
    }
    assertThat(RecoveryCode.parseOrNull("too-short")).isNull();
    assertThat(RecoveryCode.parseOrNull("UUUUU-UUUUU-UUUUU-UUUUU-UUUUU")).isNull();
  }

  @Test
  void wipe_overwritesTheCharacters() {
    RecoveryCode code = recovery.issueRecoveryCode(Actor.BOOTSTRAP);
    char[] characters = code.canonical();

    code.wipe();

    assertThat(new String(characters)).isEqualTo("\0".repeat(25));
  }

  @Test
  void tokenChanges_areAudited() {
    assertThat(store.auditLog().entries())
        .extracting(AuditEntry::action, AuditEntry::tokenName)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("token.created", "_admin"));
  }
}
