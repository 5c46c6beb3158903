package io.tollgate.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.core.crypto.Sha512TokenHasher;
import io.tollgate.core.domain.Actor;
import io.tollgate.core.domain.Description;
import io.tollgate.core.domain.IssuedToken;
import io.tollgate.core.domain.Lifetime;
import io.tollgate.core.domain.ResourceTypes;
import io.tollgate.core.domain.StoreException;
import io.tollgate.core.domain.Token;
import io.tollgate.core.domain.TokenName;
import io.tollgate.core.domain.TokenStatus;
import io.tollgate.core.memory.InMemoryTokenStore;
import io.tollgate.core.port.in.CreateNamedAdminTokenUseCase.CreateNamedAdminTokenCommand;
import io.tollgate.core.port.in.UpdateTokenUseCase.UpdateTokenCommand;
import io.tollgate.core.testing.MutableClock;
import io.tollgate.core.testing.ScriptedStore;
import io.tollgate.core.testing.SequentialSecretGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Last use (SPEC section 10): noted at authentication, shown in listings before it is written,
 * written in one batch per flush and only what changed, kept across a restart once flushed.
 */
class TokenServiceLastUseTest {

  private final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
  private final ScriptedStore store = new ScriptedStore(new InMemoryTokenStore());
  private TokenService service;
  private IssuedToken admin;
  private IssuedToken ci;

  @BeforeEach
  void setUp() {
    service = newService(true);
    admin = service.createOperatorToken();
    ci = createNamed("ci");
  }

  private TokenService newService(boolean track) {
    return new TokenService(
        store,
        new Sha512TokenHasher(),
        new SequentialSecretGenerator(),
        clock,
        ResourceTypes.builtIn(),
        track);
  }

  private IssuedToken createNamed(String name) {
    return service.createNamedAdminToken(
        new CreateNamedAdminTokenCommand(
            TokenName.named(name), Lifetime.FOREVER, null, Actor.BOOTSTRAP));
  }

  private Instant listedLastUse(TokenService on, IssuedToken token) {
    return on.listTokens().stream()
        .filter(t -> t.id().equals(token.token().id()))
        .findFirst()
        .orElseThrow()
        .lastUsedAt();
  }

  private Instant storedLastUse(IssuedToken token) {
    return store.underlying().tokens().findById(token.token().id()).orElseThrow().lastUsedAt();
  }

  @Test
  void aTokenNeverUsed_listsNoLastUse_andAFlushWritesNothing() {
    assertThat(listedLastUse(service, ci)).isNull();
    assertThat(service.flushLastUse()).isZero();
    assertThat(store.lastUseBatches()).isZero();
  }

  @Test
  void aUse_isListedAtOnce_butStoredOnlyByTheFlush() {
    Instant usedAt = clock.instant();
    service.authenticate(ci.secret().value());

    assertThat(listedLastUse(service, ci)).isEqualTo(usedAt);
    assertThat(storedLastUse(ci)).isNull();

    assertThat(service.flushLastUse()).isEqualTo(1);
    assertThat(storedLastUse(ci)).isEqualTo(usedAt);
    assertThat(storedLastUse(admin)).isNull();
  }

  @Test
  void aFlush_writesEveryChangedTokenInOneBatch_andNothingTwice() {
    service.authenticate(ci.secret().value());
    service.authenticate(admin.secret().value());

    assertThat(service.flushLastUse()).isEqualTo(2);
    assertThat(store.lastUseBatches()).isEqualTo(1);

    assertThat(service.flushLastUse()).isZero();
    assertThat(store.lastUseBatches()).isEqualTo(1);
  }

  @Test
  void aLaterUse_isWrittenByTheNextFlush() {
    service.authenticate(ci.secret().value());
    service.flushLastUse();
    clock.advance(Duration.ofSeconds(61));
    Instant later = clock.instant();
    service.authenticate(ci.secret().value());

    assertThat(service.flushLastUse()).isEqualTo(1);
    assertThat(storedLastUse(ci)).isEqualTo(later);
  }

  @Test
  void refusedCredentials_areNoUse() {
    service.updateToken(
        new UpdateTokenCommand(
            ci.token().name(),
            Optional.empty(),
            Optional.of(TokenStatus.INACTIVE),
            Actor.token(admin.token())));

    service.authenticate(ci.secret().value());
    service.authenticate("apiv3_not-a-token");

    assertThat(listedLastUse(service, ci)).isNull();
    assertThat(service.flushLastUse()).isZero();
  }

  @Test
  void aFailedFlush_leavesTheUsesPending_forTheNextFlush() {
    Instant usedAt = clock.instant();
    service.authenticate(ci.secret().value());
    store.failLastUse(true);

    assertThatThrownBy(service::flushLastUse).isInstanceOf(StoreException.class);
    assertThat(storedLastUse(ci)).isNull();

    store.failLastUse(false);
    assertThat(service.flushLastUse()).isEqualTo(1);
    assertThat(storedLastUse(ci)).isEqualTo(usedAt);
  }

  @Test
  void aChangeOfTheToken_keepsItsPendingUse() {
    Instant usedAt = clock.instant();
    service.authenticate(ci.secret().value());
    clock.advance(Duration.ofSeconds(5));

    Token updated =
        service.updateToken(
            new UpdateTokenCommand(
                ci.token().name(),
                Optional.of(Description.of("nightly")),
                Optional.empty(),
                Actor.token(admin.token())));

    assertThat(updated.updatedAt()).isEqualTo(clock.instant());
    assertThat(listedLastUse(service, ci)).isEqualTo(usedAt);
    assertThat(service.flushLastUse()).isEqualTo(1);
    assertThat(storedLastUse(ci)).isEqualTo(usedAt);
    assertThat(store.underlying().tokens().findById(ci.token().id()).orElseThrow().updatedAt())
        .isEqualTo(clock.instant());
  }

  @Test
  void aDeletedToken_isSkippedByTheFlush() {
    service.authenticate(ci.secret().value());
    service.authenticate(admin.secret().value());
    service.deleteToken(ci.token().name(), Actor.token(admin.token()));

    assertThat(service.flushLastUse()).isEqualTo(1);
    assertThat(storedLastUse(admin)).isNotNull();
  }

  @Test
  void aFlushedUse_survivesARestart() {
    Instant usedAt = clock.instant();
    service.authenticate(ci.secret().value());
    service.flushLastUse();

    TokenService restarted = newService(true);

    assertThat(listedLastUse(restarted, ci)).isEqualTo(usedAt);
    assertThat(restarted.flushLastUse()).isZero();
  }

  @Test
  void aLastUseStoredByAnotherNode_isListedAndNotWrittenAgain() {
    Instant elsewhere = clock.instant().plusSeconds(30);
    store.underlying().recordLastUse(Map.of(ci.token().id(), elsewhere));
    service.authenticate(ci.secret().value());

    assertThat(listedLastUse(service, ci)).isEqualTo(elsewhere);
  }

  @Test
  void withTrackingOff_aUseIsNeitherListedNorWritten() {
    TokenService untracked = newService(false);

    untracked.authenticate(ci.secret().value());

    assertThat(untracked.tracksLastUse()).isFalse();
    assertThat(listedLastUse(untracked, ci)).isNull();
    assertThat(untracked.flushLastUse()).isZero();
    assertThat(store.lastUseBatches()).isZero();
  }
}
