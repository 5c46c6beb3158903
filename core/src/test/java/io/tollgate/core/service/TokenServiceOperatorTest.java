package io.tollgate.core.service;

import static io.tollgate.core.service.TokenServiceFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.core.domain.Actor;
import io.tollgate.core.domain.AuditEntry;
import io.tollgate.core.domain.AuthenticationResult;
import io.tollgate.core.domain.Expiry;
import io.tollgate.core.domain.InvalidExpiryException;
import io.tollgate.core.domain.IssuedToken;
import io.tollgate.core.domain.Lifetime;
import io.tollgate.core.domain.NotAuthenticatedException;
import io.tollgate.core.domain.OperatorTokenImmutableException;
import io.tollgate.core.domain.OperatorTokenMissingException;
import io.tollgate.core.domain.Token;
import io.tollgate.core.domain.TokenId;
import io.tollgate.core.domain.TokenName;
import io.tollgate.core.domain.TokenNameAlreadyExistsException;
import io.tollgate.core.domain.TokenSecret;
import io.tollgate.core.domain.TokenStatus;
import io.tollgate.core.memory.InMemoryTokenStore;
import io.tollgate.core.port.in.CreateNamedAdminTokenUseCase.CreateNamedAdminTokenCommand;
import io.tollgate.core.port.in.UpdateTokenUseCase.UpdateTokenCommand;
import io.tollgate.core.testing.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The operator token `_admin`: created once, never expires, immutable, regenerated. */
class TokenServiceOperatorTest {
  private final TokenServiceFixture fixture = new TokenServiceFixture();
  private final MutableClock clock = fixture.clock;
  private final InMemoryTokenStore store = fixture.store;
  private final TokenService service = fixture.service;

  // --- operator token ---

  @Test
  void namedToken_expiresExactlyExpirySecsAfterItsCreatedAt_evenWhileTheClockMoves() {
    Clock ticking =
        new Clock() {
          private long millis = T0.toEpochMilli();

          @Override
          public long millis() {
            return millis++;
          }

          @Override
          public Instant instant() {
            return Instant.ofEpochMilli(millis());
          }

          @Override
          public ZoneOffset getZone() {
            return ZoneOffset.UTC;
          }

          @Override
          public Clock withZone(java.time.ZoneId zone) {
            throw new UnsupportedOperationException();
          }
        };
    TokenService moving = TokenServiceFixture.serviceOver(store, ticking);

    Token ci =
        moving
            .createNamedAdminToken(
                new CreateNamedAdminTokenCommand(
                    TokenName.named("ci"), Lifetime.ofSeconds(3600), null, Actor.BOOTSTRAP))
            .token();

    assertThat(ci.expiry().instant()).isEqualTo(ci.createdAt().plusSeconds(3600));
  }

  @Test
  void createOperatorToken_byAnOutOfBandActor_isAuditedAsThatActor() {
    TokenService audited = TokenServiceFixture.serviceOver(store, clock);

    IssuedToken admin = audited.createOperatorToken(Actor.OFFLINE_RECOVERY);

    assertThat(admin.token().name()).isEqualTo(TokenName.OPERATOR);
    assertThat(admin.token().createdBy()).isNull();
    assertThat(store.auditLog().entries())
        .containsExactly(new AuditEntry(T0, "token.created", "_admin", Actor.OFFLINE_RECOVERY));
    assertThatThrownBy(() -> audited.createOperatorToken(Actor.OFFLINE_RECOVERY))
        .isInstanceOf(TokenNameAlreadyExistsException.class);
  }

  @Test
  void operator_isCreatedAsUnderscoreAdminWithIdZeroAndNoExpiry() {
    IssuedToken admin = service.createOperatorToken();

    assertThat(admin.token().name()).isEqualTo(TokenName.OPERATOR);
    assertThat(admin.token().id()).isEqualTo(TokenId.of(0));
    assertThat(admin.token().expiry().isNever()).isTrue();
    assertThat(admin.token().createdAt()).isEqualTo(T0);
    assertThat(admin.token().permissions().text()).isEqualTo("*:*:*");
    assertThat(admin.token().isAdmin()).isTrue();
  }

  @Test
  void operator_canBeCreatedOnlyOnce() {
    service.createOperatorToken();

    assertThatThrownBy(service::createOperatorToken)
        .isInstanceOf(TokenNameAlreadyExistsException.class)
        .hasMessage("token name already exists, _admin");
    assertThat(service.listTokens()).hasSize(1);
  }

  @Test
  void operator_neverExpires() {
    IssuedToken admin = service.createOperatorToken();
    clock.set(Expiry.LATEST);

    assertThat(service.authenticate(admin.secret().value()).isAuthenticated()).isTrue();
  }

  @Test
  void operator_cannotBeDeleted() {
    service.createOperatorToken();

    assertThatThrownBy(() -> service.deleteToken(TokenName.OPERATOR, Actor.BOOTSTRAP))
        .isInstanceOf(OperatorTokenImmutableException.class)
        .hasMessage("cannot delete operator token");
    assertThat(service.listTokens()).hasSize(1);
  }

  @Test
  void operator_cannotBeEdited() {
    service.createOperatorToken();

    assertThatThrownBy(
            () ->
                service.updateToken(
                    new UpdateTokenCommand(
                        TokenName.OPERATOR,
                        Optional.empty(),
                        Optional.of(TokenStatus.INACTIVE),
                        Actor.BOOTSTRAP)))
        .isInstanceOf(OperatorTokenImmutableException.class);
    assertThat(service.listTokens().get(0).status()).isEqualTo(TokenStatus.ACTIVE);
  }

  @Test
  void operator_cannotBeImportedWithAnExpiry() {
    assertThatThrownBy(
            () ->
                service.importToken(
                    TokenName.OPERATOR,
                    TokenSecret.imported("apiv3_" + "x".repeat(40)),
                    Expiry.at(T0.plusSeconds(5))))
        .isInstanceOf(InvalidExpiryException.class);
  }

  // --- regenerate ---

  @Test
  void regenerate_keepsIdNameCreatedAtAndExpiryAndSetsUpdatedFields() {
    IssuedToken admin = service.createOperatorToken();
    clock.advance(Duration.ofMinutes(5));

    IssuedToken regenerated = service.regenerateOperatorToken(admin.secret());

    Token before = admin.token();
    Token after = regenerated.token();
    assertThat(after.id()).isEqualTo(before.id());
    assertThat(after.name()).isEqualTo(before.name());
    assertThat(after.createdAt()).isEqualTo(before.createdAt());
    assertThat(after.expiry()).isEqualTo(before.expiry());
    assertThat(after.updatedAt()).isEqualTo(T0.plus(Duration.ofMinutes(5)));
    assertThat(after.updatedBy()).isEqualTo(admin.token().id());
    assertThat(after.hash()).isNotEqualTo(before.hash());
    assertThat(regenerated.secret()).isNotEqualTo(admin.secret());
  }

  @Test
  void regenerate_rejectsThePreviousSecretImmediately() {
    IssuedToken admin = service.createOperatorToken();

    IssuedToken regenerated = service.regenerateOperatorToken(admin.secret());

    assertThat(service.authenticate(admin.secret().value()))
        .isEqualTo(AuthenticationResult.UNKNOWN);
    assertThat(service.authenticate(regenerated.secret().value()).isAuthenticated()).isTrue();
  }

  @Test
  void regenerate_isRefusedWhenTheAuthorisingSecretIsNoLongerValid() {
    IssuedToken admin = service.createOperatorToken();
    service.regenerateOperatorToken(admin.secret());

    assertThatThrownBy(() -> service.regenerateOperatorToken(admin.secret()))
        .isInstanceOf(NotAuthenticatedException.class);
  }

  @Test
  void regenerate_concurrentCallsWithTheSameOldSecret_exactlyOneSucceeds() throws Exception {
    IssuedToken admin = service.createOperatorToken();
    int callers = 16;
    ExecutorService pool = Executors.newFixedThreadPool(callers);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<IssuedToken>> results = new ArrayList<>();
    for (int i = 0; i < callers; i++) {
      Callable<IssuedToken> call =
          () -> {
            start.await();
            return service.regenerateOperatorToken(admin.secret());
          };
      results.add(pool.submit(call));
    }
    start.countDown();
    List<IssuedToken> winners = new ArrayList<>();
    int refused = 0;
    for (Future<IssuedToken> result : results) {
      try {
        winners.add(result.get());
      } catch (java.util.concurrent.ExecutionException e) {
        assertThat(e.getCause()).isInstanceOf(NotAuthenticatedException.class);
        refused++;
      }
    }
    pool.shutdown();

    assertThat(winners).hasSize(1);
    assertThat(refused).isEqualTo(callers - 1);
    assertThat(service.authenticate(winners.get(0).secret().value()).isAuthenticated()).isTrue();
  }

  @Test
  void regenerate_withoutAnOperatorToken_isMissing() {
    assertThatThrownBy(() -> service.regenerateOperatorTokenOutOfBand(Actor.RECOVERY_LISTENER))
        .isInstanceOf(OperatorTokenMissingException.class)
        .hasMessage("missing admin token, cannot update");
  }

  @Test
  void regenerate_byANamedTokenWithoutAnOperator_isMissingRatherThanForbidden() {
    IssuedToken ci = fixture.createNamed("ci", null);

    assertThatThrownBy(() -> service.regenerateOperatorToken(ci.secret()))
        .isInstanceOf(OperatorTokenMissingException.class);
  }

  @Test
  void regenerate_outOfBand_needsNoCredentialAndLeavesNamedTokensAlone() {
    IssuedToken admin = service.createOperatorToken();
    IssuedToken ci = fixture.createNamed("ci", null);

    IssuedToken regenerated = service.regenerateOperatorTokenOutOfBand(Actor.RECOVERY_LISTENER);

    assertThat(regenerated.token().updatedBy()).isNull();
    assertThat(service.authenticate(admin.secret().value()).isAuthenticated()).isFalse();
    assertThat(service.authenticate(ci.secret().value()).isAuthenticated()).isTrue();
  }
}
