package io.tollgate.core.service;

import static io.tollgate.core.service.TokenServiceFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.core.domain.Actor;
import io.tollgate.core.domain.AuditEntry;
import io.tollgate.core.domain.Expiry;
import io.tollgate.core.domain.IssuedToken;
import io.tollgate.core.domain.Lifetime;
import io.tollgate.core.domain.Token;
import io.tollgate.core.domain.TokenName;
import io.tollgate.core.domain.TokenSecret;
import io.tollgate.core.domain.TokenStatus;
import io.tollgate.core.memory.InMemoryTokenStore;
import io.tollgate.core.port.in.CreateNamedAdminTokenUseCase.CreateNamedAdminTokenCommand;
import io.tollgate.core.port.in.ImportTokenUseCase.ImportOutcome;
import io.tollgate.core.port.in.ImportTokenUseCase.ImportResult;
import io.tollgate.core.port.in.UpdateTokenUseCase.UpdateTokenCommand;
import io.tollgate.core.testing.MutableClock;
import io.tollgate.core.testing.ScriptedStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The audit line of every change, and importing tokens from a file. */
class TokenServiceAuditAndImportTest {
  private final TokenServiceFixture fixture = new TokenServiceFixture();
  private final MutableClock clock = fixture.clock;
  private final InMemoryTokenStore store = fixture.store;
  private final TokenService service = fixture.service;

  // --- audit ---

  @Test
  void everyChange_isAuditedWithWhoAndTheInstantOfTheChange_andAFailedOneIsNot() {
    ScriptedStore failing = new ScriptedStore(store);
    TokenService audited = TokenServiceFixture.serviceOver(failing, clock);
    IssuedToken admin = audited.createOperatorToken();
    Actor byAdmin = Actor.token(admin.token());
    clock.advance(Duration.ofSeconds(1));
    audited.createNamedAdminToken(
        new CreateNamedAdminTokenCommand(TokenName.named("ci"), Lifetime.FOREVER, null, byAdmin));
    audited.updateToken(
        new UpdateTokenCommand(
            TokenName.of("ci"), Optional.empty(), Optional.of(TokenStatus.INACTIVE), byAdmin));
    IssuedToken regenerated = audited.regenerateOperatorToken(admin.secret());
    Actor byRegenerated = Actor.token(regenerated.token()); // the old secret no longer acts
    audited.deleteToken(TokenName.of("ci"), byRegenerated);
    audited.importToken(
        TokenName.of("file"), TokenSecret.imported("apiv3_" + "f".repeat(40)), Expiry.NEVER);
    failing.failWrites();
    assertThatThrownBy(() -> audited.deleteToken(TokenName.of("file"), byRegenerated))
        .isInstanceOf(io.tollgate.core.domain.StoreException.class);

    Instant t1 = T0.plusSeconds(1);
    assertThat(store.auditLog().entries())
        .containsExactly(
            new AuditEntry(T0, "token.created", "_admin", Actor.BOOTSTRAP),
            new AuditEntry(t1, "token.created", "ci", byAdmin),
            new AuditEntry(t1, "token.updated", "ci", byAdmin),
            new AuditEntry(t1, "token.regenerated", "_admin", byAdmin),
            new AuditEntry(t1, "token.deleted", "ci", byRegenerated),
            new AuditEntry(t1, "token.imported", "file", Actor.TOKEN_FILE));
    assertThat(regenerated.token().updatedAt()).isEqualTo(t1);
  }

  // --- import ---

  @Test
  void import_storesTheHashOnceAndSkipsAnExistingName() {
    TokenSecret secret = TokenSecret.imported("apiv3_" + "f".repeat(40));

    ImportResult first = service.importToken(TokenName.of("file"), secret, Expiry.NEVER);
    ImportResult second = service.importToken(TokenName.of("file"), secret, Expiry.NEVER);

    assertThat(first.outcome()).isEqualTo(ImportOutcome.IMPORTED);
    assertThat(first.token()).isPresent();
    assertThat(second.outcome()).isEqualTo(ImportOutcome.NAME_EXISTS);
    assertThat(second.token()).isEmpty();
    assertThat(service.authenticate(secret.value()).isAuthenticated()).isTrue();
    assertThat(service.listTokens()).hasSize(1);
  }

  @Test
  void import_skipsASecretThatExistsUnderAnotherName() {
    TokenSecret secret = TokenSecret.imported("apiv3_" + "s".repeat(40));
    service.importToken(TokenName.of("first"), secret, Expiry.NEVER);

    ImportResult again = service.importToken(TokenName.of("second"), secret, Expiry.NEVER);

    assertThat(again.outcome()).isEqualTo(ImportOutcome.SECRET_EXISTS);
    assertThat(service.listTokens()).extracting(Token::name).containsExactly(TokenName.of("first"));
  }

  @Test
  void import_aDeletedImportedTokenStaysDeletedWhenTheSameFileIsImportedAgain() {
    TokenSecret secret = TokenSecret.imported("apiv3_" + "d".repeat(40));
    service.importToken(TokenName.of("ci"), secret, Expiry.NEVER);
    service.deleteToken(TokenName.of("ci"), Actor.BOOTSTRAP);
    TokenService restarted = TokenServiceFixture.serviceOver(store, clock);

    ImportResult again = restarted.importToken(TokenName.of("ci"), secret, Expiry.NEVER);

    assertThat(again.outcome()).isEqualTo(ImportOutcome.IMPORTED_BEFORE_AND_DELETED);
    assertThat(again.token()).isEmpty();
    assertThat(restarted.authenticate(secret.value()).isAuthenticated()).isFalse();
    assertThat(restarted.listTokens()).isEmpty();
  }
}
