package io.tollgate.core.service;

import static io.tollgate.core.service.TokenServiceFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.core.domain.Actor;
import io.tollgate.core.domain.AuthenticationResult;
import io.tollgate.core.domain.Description;
import io.tollgate.core.domain.Expiry;
import io.tollgate.core.domain.ForbiddenException;
import io.tollgate.core.domain.InvalidExpiryException;
import io.tollgate.core.domain.InvalidTokenNameException;
import io.tollgate.core.domain.IssuedToken;
import io.tollgate.core.domain.Lifetime;
import io.tollgate.core.domain.Permissions;
import io.tollgate.core.domain.Token;
import io.tollgate.core.domain.TokenId;
import io.tollgate.core.domain.TokenName;
import io.tollgate.core.domain.TokenNameAlreadyExistsException;
import io.tollgate.core.domain.TokenNotFoundException;
import io.tollgate.core.memory.InMemoryTokenStore;
import io.tollgate.core.port.in.CreateNamedAdminTokenUseCase.CreateNamedAdminTokenCommand;
import io.tollgate.core.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Named admin tokens: names, expiry, deletion and ids. */
class TokenServiceNamedTokenTest {
  private final TokenServiceFixture fixture = new TokenServiceFixture();
  private final MutableClock clock = fixture.clock;
  private final InMemoryTokenStore store = fixture.store;
  private final TokenService service = fixture.service;

  // --- named admin tokens ---

  @Test
  void named_authenticatesWithFullAdminPermissions() {
    IssuedToken ci = fixture.createNamed("ci", null);

    AuthenticationResult result = service.authenticate(ci.secret().value());

    assertThat(result.isAuthenticated()).isTrue();
    assertThat(result.token().name()).isEqualTo(TokenName.of("ci"));
    assertThat(result.token().permissions()).isEqualTo(Permissions.ADMIN);
  }

  @Test
  void named_namesAreUnique() {
    fixture.createNamed("ci", null);

    assertThatThrownBy(() -> fixture.createNamed("ci", 60L))
        .isInstanceOf(TokenNameAlreadyExistsException.class)
        .hasMessage("token name already exists, ci");
    assertThat(service.listTokens()).hasSize(1);
  }

  @Test
  void named_cannotUseTheReservedOperatorName() {
    assertThatThrownBy(() -> fixture.createNamed("_admin", null))
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
    IssuedToken zero = fixture.createNamed("zero", 0L);
    IssuedToken absent = fixture.createNamed("absent", null);

    assertThat(zero.token().expiry().isNever()).isTrue();
    assertThat(absent.token().expiry().isNever()).isTrue();
  }

  @Test
  void named_expiryIsCreatedAtPlusSeconds() {
    IssuedToken ci = fixture.createNamed("ci", 3600L);

    assertThat(ci.token().expiry()).isEqualTo(Expiry.at(T0.plusSeconds(3600)));
  }

  @Test
  void named_expiryBeyondYear9999IsRejected() {
    long tooFar = Expiry.LATEST.getEpochSecond() - T0.getEpochSecond() + 1;

    assertThatThrownBy(() -> fixture.createNamed("far", tooFar))
        .isInstanceOf(InvalidExpiryException.class);
    assertThatThrownBy(() -> fixture.createNamed("huge", Long.MAX_VALUE))
        .isInstanceOf(InvalidExpiryException.class);
    assertThat(service.listTokens()).isEmpty();
  }

  @Test
  void named_takenNameWinsOverAnExpiryBeyondYear9999() {
    fixture.createNamed("ci", null);
    long tooFar = Expiry.LATEST.getEpochSecond() - T0.getEpochSecond() + 1;

    assertThatThrownBy(() -> fixture.createNamed("ci", tooFar))
        .isInstanceOf(TokenNameAlreadyExistsException.class);
  }

  @Test
  void named_expiryAtTheEndOfYear9999IsAccepted() {
    long upToTheEnd = Expiry.LATEST.getEpochSecond() - T0.getEpochSecond();

    IssuedToken far = fixture.createNamed("far", upToTheEnd);

    assertThat(far.token().expiry().asInstant()).isPresent();
  }

  @Test
  void named_negativeExpiryIsRejected() {
    assertThatThrownBy(() -> fixture.createNamed("neg", -1L))
        .isInstanceOf(InvalidExpiryException.class);
  }

  @Test
  void named_cannotRegenerateTheOperatorToken_onlyTheOperatorSecretMay() {
    IssuedToken admin = service.createOperatorToken();
    IssuedToken ci = fixture.createNamed("ci", null);

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
    IssuedToken ci = fixture.createNamed("ci", 2L);
    Instant expiry = T0.plusSeconds(2);

    clock.set(expiry.minusMillis(1));
    assertThat(service.authenticate(ci.secret().value()).isAuthenticated()).isTrue();

    clock.set(expiry);
    assertThat(service.authenticate(ci.secret().value()))
        .isInstanceOf(AuthenticationResult.Expired.class);
  }

  @Test
  void expiry_expiredTokensStayListedUntilDeleted() {
    fixture.createNamed("ci", 1L);
    clock.advance(Duration.ofHours(1));

    assertThat(service.listTokens()).extracting(Token::name).containsExactly(TokenName.of("ci"));
  }

  // --- delete ---

  @Test
  void delete_removesANamedTokenAndItsSecretStopsWorking() {
    IssuedToken ci = fixture.createNamed("ci", null);

    service.deleteToken(TokenName.of("ci"), Actor.BOOTSTRAP);

    assertThat(service.listTokens()).isEmpty();
    assertThat(service.authenticate(ci.secret().value()).isAuthenticated()).isFalse();
  }

  @Test
  void delete_aTokenMayDeleteItself() {
    IssuedToken ci = fixture.createNamed("ci", null);

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
    IssuedToken a = fixture.createNamed("a", null);
    service.deleteToken(TokenName.of("a"), Actor.BOOTSTRAP);
    IssuedToken b = fixture.createNamed("b", null);
    IssuedToken a2 = fixture.createNamed("a", null);

    assertThat(List.of(admin.token().id(), a.token().id(), b.token().id(), a2.token().id()))
        .extracting(TokenId::value)
        .containsExactly(0L, 1L, 2L, 3L);
  }
}
