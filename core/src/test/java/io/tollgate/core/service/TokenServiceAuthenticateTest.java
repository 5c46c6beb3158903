package io.tollgate.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.core.domain.Actor;
import io.tollgate.core.domain.AuthenticationResult;
import io.tollgate.core.domain.IssuedToken;
import io.tollgate.core.domain.Lifetime;
import io.tollgate.core.domain.TokenName;
import io.tollgate.core.domain.TokenStatus;
import io.tollgate.core.memory.InMemoryTokenStore;
import io.tollgate.core.port.in.CreateNamedAdminTokenUseCase.CreateNamedAdminTokenCommand;
import io.tollgate.core.port.in.UpdateTokenUseCase.UpdateTokenCommand;
import io.tollgate.core.testing.MutableClock;
import io.tollgate.core.testing.ScriptedStore;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Authentication against the in-memory index, and what a failed write leaves in it. */
class TokenServiceAuthenticateTest {
  private final TokenServiceFixture fixture = new TokenServiceFixture();
  private final MutableClock clock = fixture.clock;
  private final InMemoryTokenStore store = fixture.store;
  private final TokenService service = fixture.service;

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
    TokenService counted = TokenServiceFixture.serviceOver(counting, clock);
    int callsAfterStartup = counting.calls();

    counted.authenticate(admin.secret().value());
    counted.authenticate("apiv3_unknown");

    assertThat(counting.calls()).isEqualTo(callsAfterStartup);
  }

  @Test
  void authenticate_indexIsRebuiltFromTheRepositoryAtStartup() {
    IssuedToken admin = service.createOperatorToken();
    IssuedToken ci = fixture.createNamed("ci", null);

    TokenService restarted = fixture.newService();

    assertThat(restarted.indexedTokenCount()).isEqualTo(2);
    assertThat(restarted.authenticate(admin.secret().value()).isAuthenticated()).isTrue();
    assertThat(restarted.authenticate(ci.secret().value()).isAuthenticated()).isTrue();
  }

  @Test
  void authenticate_inactiveTokenIsRefusedLikeAnUnknownOneAndReactivationRestoresIt() {
    IssuedToken ci = fixture.createNamed("ci", null);

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
    TokenService fragile = TokenServiceFixture.serviceOver(failing, clock);
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
}
