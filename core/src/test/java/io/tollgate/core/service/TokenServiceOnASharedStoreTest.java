package io.tollgate.core.service;

import static io.tollgate.core.testing.TestTokens.hashOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.core.crypto.Sha512TokenHasher;
import io.tollgate.core.domain.Actor;
import io.tollgate.core.domain.AuthenticationResult;
import io.tollgate.core.domain.Expiry;
import io.tollgate.core.domain.IssuedToken;
import io.tollgate.core.domain.Lifetime;
import io.tollgate.core.domain.NewToken;
import io.tollgate.core.domain.NotAuthenticatedException;
import io.tollgate.core.domain.Permission;
import io.tollgate.core.domain.StoreException;
import io.tollgate.core.domain.StoreUnavailableException;
import io.tollgate.core.domain.Token;
import io.tollgate.core.domain.TokenName;
import io.tollgate.core.domain.TokenStatus;
import io.tollgate.core.memory.InMemoryTokenStore;
import io.tollgate.core.port.in.CreateNamedAdminTokenUseCase.CreateNamedAdminTokenCommand;
import io.tollgate.core.port.in.UpdateTokenUseCase.UpdateTokenCommand;
import io.tollgate.core.testing.MutableClock;
import io.tollgate.core.testing.ScriptedStore;
import io.tollgate.core.testing.SequentialSecretGenerator;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The service on a store it shares with other nodes: changes made elsewhere reach the index, a node
 * that is not current fails closed, and each change is one unit of work of the store.
 */
class TokenServiceOnASharedStoreTest {

  private final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
  private final InMemoryTokenStore memory = new InMemoryTokenStore();
  private final ScriptedStore store = new ScriptedStore(memory);
  private TokenService service;
  private IssuedToken admin;
  private IssuedToken ci;

  @BeforeEach
  void setUp() {
    service = newNode();
    admin = service.createOperatorToken();
    ci = createNamed(service, "ci");
  }

  private TokenService newNode() {
    return new TokenService(store, new Sha512TokenHasher(), new SequentialSecretGenerator(), clock);
  }

  private static IssuedToken createNamed(TokenService on, String name) {
    return on.createNamedAdminToken(
        new CreateNamedAdminTokenCommand(
            TokenName.named(name), Lifetime.FOREVER, null, Actor.BOOTSTRAP));
  }

  @Test
  void aTokenDeletedElsewhere_isRefusedHere() {
    store.changeElsewhere(
        ci.token().id(), other -> other.tokens().deleteByName(TokenName.of("ci")));

    assertThat(service.authenticate(ci.secret().value())).isEqualTo(AuthenticationResult.UNKNOWN);
    assertThat(service.indexedTokenCount()).isEqualTo(1);
  }

  @Test
  void aTokenRegeneratedElsewhere_authenticatesOnlyWithItsNewSecret() {
    String newSecret = "apiv3_regenerated-elsewhere";
    store.changeElsewhere(
        admin.token().id(),
        other ->
            other
                .tokens()
                .replaceHash(
                    admin.token().id(),
                    admin.token().hash(),
                    hashOf(newSecret),
                    clock.instant(),
                    null));

    assertThat(service.authenticate(admin.secret().value()).isAuthenticated()).isFalse();
    assertThat(service.authenticate(newSecret).isAuthenticated()).isTrue();
  }

  @Test
  void aTokenDeactivatedElsewhere_isRefusedHere() {
    store.changeElsewhere(
        ci.token().id(),
        other ->
            other
                .tokens()
                .updateDetails(
                    TokenName.of("ci"), null, TokenStatus.INACTIVE, clock.instant(), null));

    assertThat(service.authenticate(ci.secret().value()).isAuthenticated()).isFalse();
  }

  @Test
  void aTokenCreatedElsewhere_authenticatesHere() {
    String secret = "apiv3_created-elsewhere";
    Token[] created = new Token[1];
    NewToken draft =
        new NewToken(
            TokenName.of("remote"), hashOf(secret), clock.instant(), null, Expiry.NEVER, null);
    store.underlying().inTransaction(tx -> created[0] = tx.tokens().insert(draft));

    assertThat(service.authenticate(secret).isAuthenticated()).isFalse();
    store.changeElsewhere(created[0].id(), other -> {});

    assertThat(service.authenticate(secret).isAuthenticated()).isTrue();
  }

  @Test
  void aNodeThatIsNotCurrent_failsEveryTokenCheckClosed_untilItIsCurrentAgain() {
    store.setCurrent(false);

    assertThatThrownBy(() -> service.authenticate(admin.secret().value()))
        .isInstanceOf(StoreUnavailableException.class)
        .isInstanceOf(StoreException.class);
    assertThatThrownBy(() -> service.authorize(ci.secret().value(), Permission.parse("*:*:*")))
        .isInstanceOf(StoreUnavailableException.class);
    assertThatThrownBy(() -> service.authenticate("apiv3_unknown"))
        .isInstanceOf(StoreUnavailableException.class);

    store.setCurrent(true);
    assertThat(service.authenticate(admin.secret().value()).isAuthenticated()).isTrue();
  }

  @Test
  void ofTwoNodesRegeneratingWithTheSameSecret_onlyTheFirstWins() {
    TokenService otherNode = newNode();

    IssuedToken regenerated = service.regenerateOperatorToken(admin.secret());

    // the other node has not heard of the regeneration yet: its index still knows the old secret
    assertThat(otherNode.authenticate(admin.secret().value()).isAuthenticated()).isTrue();
    assertThatThrownBy(() -> otherNode.regenerateOperatorToken(admin.secret()))
        .isInstanceOf(NotAuthenticatedException.class);
    assertThat(memory.tokens().findByName(TokenName.OPERATOR)).contains(regenerated.token());
  }

  @Test
  void aNodeThatHasNotHeardOfARegeneration_makesNoChangeOnTheOldSecretsAuthority() {
    TokenService otherNode = newNode();
    service.regenerateOperatorToken(admin.secret());
    // the other node still authenticates the old secret (it has not heard yet), and its edge acts
    // for the token it found: the old secret's hash, not the one the store holds now
    Actor stale = Actor.token(otherNode.authenticate(admin.secret().value()).token());

    assertThatThrownBy(
            () ->
                otherNode.createNamedAdminToken(
                    new CreateNamedAdminTokenCommand(
                        TokenName.named("late"), Lifetime.FOREVER, null, stale)))
        .isInstanceOf(NotAuthenticatedException.class);
    assertThatThrownBy(() -> otherNode.deleteToken(TokenName.of("ci"), stale))
        .isInstanceOf(NotAuthenticatedException.class);
    assertThatThrownBy(
            () ->
                otherNode.updateToken(
                    new UpdateTokenCommand(
                        TokenName.of("ci"),
                        Optional.empty(),
                        Optional.of(TokenStatus.INACTIVE),
                        stale)))
        .isInstanceOf(NotAuthenticatedException.class);

    assertThat(memory.tokens().findByName(TokenName.of("late"))).isEmpty();
    assertThat(memory.tokens().findByName(TokenName.of("ci")))
        .map(Token::status)
        .contains(TokenStatus.ACTIVE);
  }

  @Test
  void aFailingAuditAppend_leavesTheChangeOutOfTheStoreAndTheIndex() {
    store.failAudit();

    assertThatThrownBy(() -> createNamed(service, "audited")).isInstanceOf(StoreException.class);
    assertThatThrownBy(() -> service.deleteToken(TokenName.of("ci"), Actor.BOOTSTRAP))
        .isInstanceOf(StoreException.class);

    assertThat(memory.tokens().findByName(TokenName.of("audited"))).isEmpty();
    assertThat(memory.tokens().findByName(TokenName.of("ci"))).isPresent();
    assertThat(service.authenticate(ci.secret().value()).isAuthenticated()).isTrue();
    assertThat(service.indexedTokenCount()).isEqualTo(2);
  }
}
