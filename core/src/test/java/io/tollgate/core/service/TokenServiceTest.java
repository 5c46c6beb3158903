package io.tollgate.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.core.crypto.Sha512TokenHasher;
import io.tollgate.core.domain.Actor;
import io.tollgate.core.domain.AuditEntry;
import io.tollgate.core.domain.AuthenticationResult;
import io.tollgate.core.domain.Description;
import io.tollgate.core.domain.Expiry;
import io.tollgate.core.domain.ForbiddenException;
import io.tollgate.core.domain.InvalidExpiryException;
import io.tollgate.core.domain.InvalidTokenNameException;
import io.tollgate.core.domain.IssuedToken;
import io.tollgate.core.domain.Lifetime;
import io.tollgate.core.domain.NotAuthenticatedException;
import io.tollgate.core.domain.OperatorTokenImmutableException;
import io.tollgate.core.domain.OperatorTokenMissingException;
import io.tollgate.core.domain.Permissions;
import io.tollgate.core.domain.Token;
import io.tollgate.core.domain.TokenId;
import io.tollgate.core.domain.TokenName;
import io.tollgate.core.domain.TokenNameAlreadyExistsException;
import io.tollgate.core.domain.TokenNotFoundException;
import io.tollgate.core.domain.TokenSecret;
import io.tollgate.core.domain.TokenStatus;
import io.tollgate.core.memory.InMemoryTokenStore;
import io.tollgate.core.port.in.CreateNamedAdminTokenUseCase.CreateNamedAdminTokenCommand;
import io.tollgate.core.port.in.ImportTokenUseCase.ImportOutcome;
import io.tollgate.core.port.in.ImportTokenUseCase.ImportResult;
import io.tollgate.core.port.in.UpdateTokenUseCase.UpdateTokenCommand;
import io.tollgate.core.testing.MutableClock;
import io.tollgate.core.testing.ScriptedStore;
import io.tollgate.core.testing.SequentialSecretGenerator;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TokenServiceTest {

  private static final Instant T0 = Instant.parse("2025-04-18T14:02:45.331Z");

  private final MutableClock clock = new MutableClock(T0);
  private InMemoryTokenStore store;
  private TokenService service;

  @BeforeEach
  void setUp() {
    store = new InMemoryTokenStore();
    service = newService();
  }

  private TokenService newService() {
    return new TokenService(store, new Sha512TokenHasher(), new SequentialSecretGenerator(), clock);
  }

  private IssuedToken createNamed(String name, Long expirySecs) {
    return service.createNamedAdminToken(
        new CreateNamedAdminTokenCommand(
            TokenName.named(name), Lifetime.ofNullableSeconds(expirySecs), null, Actor.BOOTSTRAP));
  }

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
    TokenService moving =
        new TokenService(store, new Sha512TokenHasher(), new SequentialSecretGenerator(), ticking);

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
    TokenService audited =
        new TokenService(store, new Sha512TokenHasher(), new SequentialSecretGenerator(), clock);

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
    IssuedToken ci = createNamed("ci", null);

    assertThatThrownBy(() -> service.regenerateOperatorToken(ci.secret()))
        .isInstanceOf(OperatorTokenMissingException.class);
  }

  @Test
  void regenerate_outOfBand_needsNoCredentialAndLeavesNamedTokensAlone() {
    IssuedToken admin = service.createOperatorToken();
    IssuedToken ci = createNamed("ci", null);

    IssuedToken regenerated = service.regenerateOperatorTokenOutOfBand(Actor.RECOVERY_LISTENER);

    assertThat(regenerated.token().updatedBy()).isNull();
    assertThat(service.authenticate(admin.secret().value()).isAuthenticated()).isFalse();
    assertThat(service.authenticate(ci.secret().value()).isAuthenticated()).isTrue();
  }

  // --- named admin tokens ---

  @Test
  void named_authenticatesWithFullAdminPermissions() {
    IssuedToken ci = createNamed("ci", null);

    AuthenticationResult result = service.authenticate(ci.secret().value());

    assertThat(result.isAuthenticated()).isTrue();
    assertThat(result.token().name()).isEqualTo(TokenName.of("ci"));
    assertThat(result.token().permissions()).isEqualTo(Permissions.ADMIN);
  }

  @Test
  void named_namesAreUnique() {
    createNamed("ci", null);

    assertThatThrownBy(() -> createNamed("ci", 60L))
        .isInstanceOf(TokenNameAlreadyExistsException.class)
        .hasMessage("token name already exists, ci");
    assertThat(service.listTokens()).hasSize(1);
  }

  @Test
  void named_cannotUseTheReservedOperatorName() {
    assertThatThrownBy(() -> createNamed("_admin", null))
        .isInstanceOf(InvalidTokenNameException.class);
    assertThatThrownBy(
            () ->
                new CreateNamedAdminTokenCommand(
                    TokenName.OPERATOR, Lifetime.FOREVER, null, Actor.BOOTSTRAP))
        .isInstanceOf(InvalidTokenNameException.class);
  }

  @Test
  void named_recordsTheCreator() {
    IssuedToken admin = service.createOperatorToken();

    IssuedToken ci =
        service.createNamedAdminToken(
            new CreateNamedAdminTokenCommand(
                TokenName.named("ci"),
                Lifetime.FOREVER,
                Description.of("deploys"),
                Actor.token(admin.token())));

    assertThat(ci.token().createdBy()).isEqualTo(admin.token().id());
    assertThat(ci.token().description()).isEqualTo(Description.of("deploys"));
    assertThat(admin.token().createdBy()).isNull();
  }

  @Test
  void named_expirySecsZeroOrAbsentMeansNever() {
    IssuedToken zero = createNamed("zero", 0L);
    IssuedToken absent = createNamed("absent", null);

    assertThat(zero.token().expiry().isNever()).isTrue();
    assertThat(absent.token().expiry().isNever()).isTrue();
  }

  @Test
  void named_expiryIsCreatedAtPlusSeconds() {
    IssuedToken ci = createNamed("ci", 3600L);

    assertThat(ci.token().expiry()).isEqualTo(Expiry.at(T0.plusSeconds(3600)));
  }

  @Test
  void named_expiryBeyondYear9999IsRejected() {
    long tooFar = Expiry.LATEST.getEpochSecond() - T0.getEpochSecond() + 1;

    assertThatThrownBy(() -> createNamed("far", tooFar)).isInstanceOf(InvalidExpiryException.class);
    assertThatThrownBy(() -> createNamed("huge", Long.MAX_VALUE))
        .isInstanceOf(InvalidExpiryException.class);
    assertThat(service.listTokens()).isEmpty();
  }

  @Test
  void named_takenNameWinsOverAnExpiryBeyondYear9999() {
    createNamed("ci", null);
    long tooFar = Expiry.LATEST.getEpochSecond() - T0.getEpochSecond() + 1;

    assertThatThrownBy(() -> createNamed("ci", tooFar))
        .isInstanceOf(TokenNameAlreadyExistsException.class);
  }

  @Test
  void named_expiryAtTheEndOfYear9999IsAccepted() {
    long upToTheEnd = Expiry.LATEST.getEpochSecond() - T0.getEpochSecond();

    IssuedToken far = createNamed("far", upToTheEnd);

    assertThat(far.token().expiry().asInstant()).isPresent();
  }

  @Test
  void named_negativeExpiryIsRejected() {
    assertThatThrownBy(() -> createNamed("neg", -1L)).isInstanceOf(InvalidExpiryException.class);
  }

  @Test
  void named_cannotRegenerateTheOperatorToken_onlyTheOperatorSecretMay() {
    IssuedToken admin = service.createOperatorToken();
    IssuedToken ci = createNamed("ci", null);

    assertThatThrownBy(() -> service.regenerateOperatorToken(ci.secret()))
        .isInstanceOf(ForbiddenException.class)
        .hasMessage("unauthorized to perform requested action with the token");

    assertThat(service.authenticate(admin.secret().value()).isAuthenticated()).isTrue();
    assertThat(service.authenticate(ci.secret().value()).isAuthenticated()).isTrue();
    assertThat(store.tokens().findByName(TokenName.OPERATOR).orElseThrow())
        .isEqualTo(admin.token());
  }

  // --- expiry boundary ---

  @Test
  void expiry_tokenIsValidUntilTheMillisecondBeforeExpiry() {
    IssuedToken ci = createNamed("ci", 2L);
    Instant expiry = T0.plusSeconds(2);

    clock.set(expiry.minusMillis(1));
    assertThat(service.authenticate(ci.secret().value()).isAuthenticated()).isTrue();

    clock.set(expiry);
    assertThat(service.authenticate(ci.secret().value()))
        .isInstanceOf(AuthenticationResult.Expired.class);
  }

  @Test
  void expiry_expiredTokensStayListedUntilDeleted() {
    createNamed("ci", 1L);
    clock.advance(Duration.ofHours(1));

    assertThat(service.listTokens()).extracting(Token::name).containsExactly(TokenName.of("ci"));
  }

  // --- delete ---

  @Test
  void delete_removesANamedTokenAndItsSecretStopsWorking() {
    IssuedToken ci = createNamed("ci", null);

    service.deleteToken(TokenName.of("ci"), Actor.BOOTSTRAP);

    assertThat(service.listTokens()).isEmpty();
    assertThat(service.authenticate(ci.secret().value()).isAuthenticated()).isFalse();
  }

  @Test
  void delete_aTokenMayDeleteItself() {
    IssuedToken ci = createNamed("ci", null);

    Token deleted = service.deleteToken(TokenName.of("ci"), Actor.token(ci.token()));

    assertThat(deleted.id()).isEqualTo(ci.token().id());
    assertThat(service.authenticate(ci.secret().value()).isAuthenticated()).isFalse();
  }

  @Test
  void delete_unknownNameIsNotFound() {
    assertThatThrownBy(() -> service.deleteToken(TokenName.of("nobody"), Actor.BOOTSTRAP))
        .isInstanceOf(TokenNotFoundException.class)
        .hasMessage("the requested resource was not found: nobody");
  }

  // --- ids ---

  @Test
  void ids_increaseFromZeroAndAreNeverReused() {
    IssuedToken admin = service.createOperatorToken();
    IssuedToken a = createNamed("a", null);
    service.deleteToken(TokenName.of("a"), Actor.BOOTSTRAP);
    IssuedToken b = createNamed("b", null);
    IssuedToken a2 = createNamed("a", null);

    assertThat(List.of(admin.token().id(), a.token().id(), b.token().id(), a2.token().id()))
        .extracting(TokenId::value)
        .containsExactly(0L, 1L, 2L, 3L);
  }

  // --- authentication ---

  @Test
  void authenticate_unknownNullAndEmptyAreUnknownNotExceptions() {
    service.createOperatorToken();

    assertThat(service.authenticate("apiv3_nope")).isEqualTo(AuthenticationResult.UNKNOWN);
    assertThat(service.authenticate("")).isEqualTo(AuthenticationResult.UNKNOWN);
    assertThat(service.authenticate(null)).isEqualTo(AuthenticationResult.UNKNOWN);
  }

  @Test
  void authenticate_neverTouchesTheRepository() {
    IssuedToken admin = service.createOperatorToken();
    ScriptedStore counting = new ScriptedStore(store);
    TokenService counted =
        new TokenService(counting, new Sha512TokenHasher(), new SequentialSecretGenerator(), clock);
    int callsAfterStartup = counting.calls();

    counted.authenticate(admin.secret().value());
    counted.authenticate("apiv3_unknown");

    assertThat(counting.calls()).isEqualTo(callsAfterStartup);
  }

  @Test
  void authenticate_indexIsRebuiltFromTheRepositoryAtStartup() {
    IssuedToken admin = service.createOperatorToken();
    IssuedToken ci = createNamed("ci", null);

    TokenService restarted = newService();

    assertThat(restarted.indexedTokenCount()).isEqualTo(2);
    assertThat(restarted.authenticate(admin.secret().value()).isAuthenticated()).isTrue();
    assertThat(restarted.authenticate(ci.secret().value()).isAuthenticated()).isTrue();
  }

  @Test
  void authenticate_inactiveTokenIsRefusedLikeAnUnknownOneAndReactivationRestoresIt() {
    IssuedToken ci = createNamed("ci", null);

    service.updateToken(
        new UpdateTokenCommand(
            TokenName.of("ci"),
            Optional.empty(),
            Optional.of(TokenStatus.INACTIVE),
            Actor.BOOTSTRAP));
    assertThat(service.authenticate(ci.secret().value())).isEqualTo(AuthenticationResult.UNKNOWN);

    service.updateToken(
        new UpdateTokenCommand(
            TokenName.of("ci"),
            Optional.empty(),
            Optional.of(TokenStatus.ACTIVE),
            Actor.BOOTSTRAP));
    assertThat(service.authenticate(ci.secret().value()).isAuthenticated()).isTrue();
  }

  // --- failed writes ---

  @Test
  void failedWrite_leavesTheIndexUnchanged() {
    IssuedToken admin = service.createOperatorToken();
    ScriptedStore failing = new ScriptedStore(store);
    TokenService fragile =
        new TokenService(failing, new Sha512TokenHasher(), new SequentialSecretGenerator(), clock);
    failing.failWrites();

    assertThatThrownBy(() -> fragile.regenerateOperatorToken(admin.secret()))
        .isInstanceOf(io.tollgate.core.domain.StoreException.class);
    assertThatThrownBy(
            () ->
                fragile.createNamedAdminToken(
                    new CreateNamedAdminTokenCommand(
                        TokenName.named("ci"), Lifetime.FOREVER, null, Actor.BOOTSTRAP)))
        .isInstanceOf(io.tollgate.core.domain.StoreException.class);

    assertThat(fragile.authenticate(admin.secret().value()).isAuthenticated()).isTrue();
    assertThat(fragile.indexedTokenCount()).isEqualTo(1);
  }

  @Test
  void everyChange_isAuditedWithWhoAndTheInstantOfTheChange_andAFailedOneIsNot() {
    ScriptedStore failing = new ScriptedStore(store);
    TokenService audited =
        new TokenService(failing, new Sha512TokenHasher(), new SequentialSecretGenerator(), clock);
    IssuedToken admin = audited.createOperatorToken();
    Actor byAdmin = Actor.token(admin.token());
    clock.advance(Duration.ofSeconds(1));
    audited.createNamedAdminToken(
        new CreateNamedAdminTokenCommand(TokenName.named("ci"), Lifetime.FOREVER, null, byAdmin));
    audited.updateToken(
        new UpdateTokenCommand(
            TokenName.of("ci"), Optional.empty(), Optional.of(TokenStatus.INACTIVE), byAdmin));
    IssuedToken regenerated = audited.regenerateOperatorToken(admin.secret());
    audited.deleteToken(TokenName.of("ci"), byAdmin);
    audited.importToken(
        TokenName.of("file"), TokenSecret.imported("apiv3_" + "f".repeat(40)), Expiry.NEVER);
    failing.failWrites();
    assertThatThrownBy(() -> audited.deleteToken(TokenName.of("file"), byAdmin))
        .isInstanceOf(io.tollgate.core.domain.StoreException.class);

    Instant t1 = T0.plusSeconds(1);
    assertThat(store.auditLog().entries())
        .containsExactly(
            new AuditEntry(T0, "token.created", "_admin", Actor.BOOTSTRAP),
            new AuditEntry(t1, "token.created", "ci", byAdmin),
            new AuditEntry(t1, "token.updated", "ci", byAdmin),
            new AuditEntry(t1, "token.regenerated", "_admin", byAdmin),
            new AuditEntry(t1, "token.deleted", "ci", byAdmin),
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
    TokenService restarted =
        new TokenService(store, new Sha512TokenHasher(), new SequentialSecretGenerator(), clock);

    ImportResult again = restarted.importToken(TokenName.of("ci"), secret, Expiry.NEVER);

    assertThat(again.outcome()).isEqualTo(ImportOutcome.IMPORTED_BEFORE_AND_DELETED);
    assertThat(again.token()).isEmpty();
    assertThat(restarted.authenticate(secret.value()).isAuthenticated()).isFalse();
    assertThat(restarted.listTokens()).isEmpty();
  }
}
