package io.tollgate.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.core.crypto.Sha512TokenHasher;
import io.tollgate.core.domain.Actor;
import io.tollgate.core.domain.AuthenticationResult;
import io.tollgate.core.domain.AuthorizationResult;
import io.tollgate.core.domain.Description;
import io.tollgate.core.domain.ForbiddenException;
import io.tollgate.core.domain.InvalidPermissionException;
import io.tollgate.core.domain.InvalidTokenNameException;
import io.tollgate.core.domain.IssuedToken;
import io.tollgate.core.domain.Lifetime;
import io.tollgate.core.domain.NotAuthenticatedException;
import io.tollgate.core.domain.OperatorTokenImmutableException;
import io.tollgate.core.domain.Permission;
import io.tollgate.core.domain.Permissions;
import io.tollgate.core.domain.ResourceType;
import io.tollgate.core.domain.ResourceTypes;
import io.tollgate.core.domain.Token;
import io.tollgate.core.domain.TokenName;
import io.tollgate.core.domain.TokenStatus;
import io.tollgate.core.memory.InMemoryTokenStore;
import io.tollgate.core.port.in.CreateNamedAdminTokenUseCase.CreateNamedAdminTokenCommand;
import io.tollgate.core.port.in.CreateResourceTokenUseCase.CreateResourceTokenCommand;
import io.tollgate.core.port.in.UpdateTokenUseCase.UpdateTokenCommand;
import io.tollgate.core.testing.MutableClock;
import io.tollgate.core.testing.ScriptedStore;
import io.tollgate.core.testing.SequentialSecretGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The access decision, resource tokens, and who may change tokens (SPEC section 8). */
class AuthorizationTest {

  private static final Instant T0 = Instant.parse("2025-04-18T14:02:45.331Z");
  private static final Permission PING = Permission.required("system", "ping", "read");
  private static final Permission HEALTH = Permission.required("system", "health", "read");
  private static final Permission WRITE_A = Permission.required("db", "a", "write");

  private final MutableClock clock = new MutableClock(T0);
  private final SequentialSecretGenerator secrets = new SequentialSecretGenerator();
  private InMemoryTokenStore store;
  private TokenService service;
  private IssuedToken admin;
  private IssuedToken named;

  @BeforeEach
  void setUp() {
    store = new InMemoryTokenStore();
    service = newService(ResourceTypes.builtIn());
    admin = service.createOperatorToken();
    named =
        service.createNamedAdminToken(
            new CreateNamedAdminTokenCommand(
                TokenName.named("ci"), Lifetime.FOREVER, null, Actor.token(admin.token())));
  }

  private TokenService newService(ResourceTypes types) {
    return new TokenService(store, new Sha512TokenHasher(), secrets, clock, types);
  }

  private IssuedToken resourceToken(String name, String permissions, long expirySecs) {
    return service.createResourceToken(
        new CreateResourceTokenCommand(
            TokenName.named(name),
            Permissions.parse(permissions),
            Lifetime.ofSeconds(expirySecs),
            Description.of("dashboard"),
            Actor.token(admin.token())));
  }

  private static Actor by(IssuedToken token) {
    return Actor.token(token.token());
  }

  // --- the decision ---

  @Test
  void authorize_allowsAResourceTokenExactlyWhatItsPermissionsGrant() {
    IssuedToken dashboard = resourceToken("dashboard", "system:ping:read db:a:read,write", 0);

    AuthorizationResult ping = service.authorize(dashboard.secret().value(), PING);
    AuthorizationResult write = service.authorize(dashboard.secret().value(), WRITE_A);
    AuthorizationResult health = service.authorize(dashboard.secret().value(), HEALTH);

    assertThat(ping).isEqualTo(new AuthorizationResult.Allowed(dashboard.token()));
    assertThat(write.isAllowed()).isTrue();
    assertThat(health).isEqualTo(new AuthorizationResult.Forbidden(dashboard.token()));
    assertThat(health.outcome()).isEqualTo("forbidden");
    assertThatThrownBy(health::token).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void authorize_adminTokensAreAllowedEverything_resourceTokensNeverTokenManagement() {
    IssuedToken dashboard = resourceToken("dashboard", "system:*:read db:*:*", 0);

    assertThat(service.authorize(admin.secret().value(), Permission.ADMIN).isAllowed()).isTrue();
    assertThat(service.authorize(named.secret().value(), Permission.ADMIN).isAllowed()).isTrue();
    assertThat(service.authorize(named.secret().value(), PING).isAllowed()).isTrue();
    assertThat(service.authorize(dashboard.secret().value(), Permission.ADMIN))
        .isInstanceOf(AuthorizationResult.Forbidden.class);
  }

  @Test
  void authorize_missingUnknownInactiveAndExpiredAreUnauthenticatedNotForbidden() {
    IssuedToken soon = resourceToken("soon", "system:ping:read", 60);
    IssuedToken off = resourceToken("off", "system:ping:read", 0);
    service.updateToken(
        new UpdateTokenCommand(
            off.token().name(), Optional.empty(), Optional.of(TokenStatus.INACTIVE), by(admin)));
    clock.advance(Duration.ofSeconds(60));

    assertThat(service.authorize(null, PING)).isSameAs(AuthorizationResult.UNKNOWN);
    assertThat(service.authorize("", PING)).isSameAs(AuthorizationResult.UNKNOWN);
    assertThat(service.authorize("apiv3_nope", PING)).isSameAs(AuthorizationResult.UNKNOWN);
    assertThat(service.authorize(off.secret().value(), PING).outcome()).isEqualTo("unknown");
    AuthorizationResult expired = service.authorize(soon.secret().value(), PING);
    assertThat(expired).isInstanceOf(AuthorizationResult.Unauthenticated.class);
    assertThat(expired.outcome()).isEqualTo("expired");
    assertThat(((AuthorizationResult.Unauthenticated) expired).authentication())
        .isInstanceOf(AuthenticationResult.Expired.class);
  }

  @Test
  void authorize_neverTouchesTheRepository() {
    IssuedToken dashboard = resourceToken("dashboard", "system:ping:read", 0);
    ScriptedStore counting = new ScriptedStore(store);
    TokenService counted =
        new TokenService(counting, new Sha512TokenHasher(), new SequentialSecretGenerator(), clock);
    int callsAfterStartup = counting.calls();

    counted.authorize(dashboard.secret().value(), PING);
    counted.authorize(dashboard.secret().value(), HEALTH);
    counted.authorize("apiv3_unknown", PING);

    assertThat(counting.calls()).isEqualTo(callsAfterStartup);
  }

  // --- resource tokens ---

  @Test
  void createResourceToken_storesItsPermissions_whichStillDecideAfterARestart() {
    IssuedToken dashboard = resourceToken("dashboard", "db:a,b:read system:ping:read", 3600);

    TokenService restarted = newService(ResourceTypes.builtIn());

    Token stored = store.tokens().findByName(TokenName.of("dashboard")).orElseThrow();
    assertThat(stored.permissions().text()).isEqualTo("db:a,b:read system:ping:read");
    assertThat(stored.isAdmin()).isFalse();
    assertThat(stored.createdBy()).isEqualTo(admin.token().id());
    assertThat(stored.expiry().instant()).isEqualTo(T0.plusSeconds(3600));
    assertThat(restarted.authorize(dashboard.secret().value(), PING).isAllowed()).isTrue();
    assertThat(restarted.authorize(dashboard.secret().value(), WRITE_A).isAllowed()).isFalse();
  }

  @Test
  void createResourceToken_refusesWhatTheResourceTypesDoNotHave_andStoresNothing() {
    for (String permissions : List.of("orders:a:read", "db:a:delete", "system:ready:read")) {
      assertThatThrownBy(() -> resourceToken("bad", permissions, 0))
          .isInstanceOf(InvalidPermissionException.class);
    }

    assertThat(store.tokens().findByName(TokenName.of("bad"))).isEmpty();
    assertThat(service.indexedTokenCount()).isEqualTo(2);
  }

  @Test
  void createResourceToken_acceptsTypesTheEmbedderDeclared() {
    service = newService(ResourceTypes.builtIn().with(ResourceType.anyName("orders", "approve")));

    IssuedToken approver = resourceToken("approver", "orders:*:approve", 0);

    assertThat(
            service
                .authorize(
                    approver.secret().value(), Permission.required("orders", "eu-7", "approve"))
                .isAllowed())
        .isTrue();
  }

  @Test
  void createResourceToken_refusesAdminPermissionsAndTheOperatorName() {
    assertThatThrownBy(
            () ->
                new CreateResourceTokenCommand(
                    TokenName.named("x"), Permissions.ADMIN, Lifetime.FOREVER, null, by(admin)))
        .isInstanceOf(InvalidPermissionException.class)
        .hasMessage("resource type * is for admin tokens only: create a named admin token instead");
    assertThatThrownBy(
            () ->
                new CreateResourceTokenCommand(
                    TokenName.OPERATOR,
                    Permissions.parse("db:a:read"),
                    Lifetime.FOREVER,
                    null,
                    by(admin)))
        .isInstanceOf(InvalidTokenNameException.class);
  }

  @Test
  void resourceToken_mayNotManageTokens_andChangesNothing() {
    IssuedToken dashboard = resourceToken("dashboard", "system:*:read db:*:*", 0);
    IssuedToken other = resourceToken("other", "system:ping:read", 0);
    List<Token> before = service.listTokens();

    assertThatThrownBy(
            () ->
                service.createNamedAdminToken(
                    new CreateNamedAdminTokenCommand(
                        TokenName.named("escalated"), Lifetime.FOREVER, null, by(dashboard))))
        .isInstanceOf(ForbiddenException.class);
    assertThatThrownBy(
            () ->
                service.createResourceToken(
                    new CreateResourceTokenCommand(
                        TokenName.named("child"),
                        Permissions.parse("db:a:read"),
                        Lifetime.FOREVER,
                        null,
                        by(dashboard))))
        .isInstanceOf(ForbiddenException.class);
    assertThatThrownBy(() -> service.deleteToken(other.token().name(), by(dashboard)))
        .isInstanceOf(ForbiddenException.class);
    assertThatThrownBy(() -> service.deleteToken(dashboard.token().name(), by(dashboard)))
        .isInstanceOf(ForbiddenException.class);
    assertThatThrownBy(
            () ->
                service.updateToken(
                    new UpdateTokenCommand(
                        other.token().name(),
                        Optional.of(Description.of("mine")),
                        Optional.empty(),
                        by(dashboard))))
        .isInstanceOf(ForbiddenException.class);
    assertThatThrownBy(() -> service.regenerateOperatorToken(dashboard.secret()))
        .isInstanceOf(ForbiddenException.class);

    // presenting dashboard's secret was a use (it authenticated), not a change of any token
    assertThat(service.listTokens()).map(token -> token.withLastUsedAt(null)).isEqualTo(before);
  }

  @Test
  void resourceToken_isDescribedDeactivatedAndDeletedByAnAdminLikeANamedToken() {
    IssuedToken dashboard = resourceToken("dashboard", "system:ping:read", 0);

    Token updated =
        service.updateToken(
            new UpdateTokenCommand(
                dashboard.token().name(),
                Optional.of(Description.of("wall screen")),
                Optional.of(TokenStatus.INACTIVE),
                by(named)));
    assertThat(updated.permissions()).isEqualTo(dashboard.token().permissions());
    assertThat(service.authorize(dashboard.secret().value(), PING).outcome()).isEqualTo("unknown");

    service.deleteToken(dashboard.token().name(), by(named));
    assertThat(store.tokens().findByName(dashboard.token().name())).isEmpty();
  }

  // --- the operator token ---

  @Test
  void namedAdmin_mayNotEditOrDeleteTheOperatorToken_theOperatorIsToldItIsImmutable() {
    Actor byNamed = by(named);
    Actor byOperator = by(admin);
    UpdateTokenCommand deactivate =
        new UpdateTokenCommand(
            TokenName.OPERATOR, Optional.empty(), Optional.of(TokenStatus.INACTIVE), byNamed);

    assertThatThrownBy(() -> service.deleteToken(TokenName.OPERATOR, byNamed))
        .isInstanceOf(ForbiddenException.class)
        .hasMessage("unauthorized to perform requested action with the token");
    assertThatThrownBy(() -> service.updateToken(deactivate))
        .isInstanceOf(ForbiddenException.class);
    assertThatThrownBy(() -> service.deleteToken(TokenName.OPERATOR, byOperator))
        .isInstanceOf(OperatorTokenImmutableException.class)
        .hasMessage("cannot delete operator token");
    assertThatThrownBy(
            () ->
                service.updateToken(
                    new UpdateTokenCommand(
                        TokenName.OPERATOR,
                        Optional.empty(),
                        Optional.of(TokenStatus.INACTIVE),
                        byOperator)))
        .isInstanceOf(OperatorTokenImmutableException.class)
        .hasMessage("cannot edit operator token");

    assertThat(store.tokens().findByName(TokenName.OPERATOR)).contains(admin.token());
  }

  @Test
  void actingToken_thatWasDeletedOrDeactivatedMeanwhile_isNotAuthenticated() {
    Actor gone = by(named);
    IssuedToken other =
        service.createNamedAdminToken(
            new CreateNamedAdminTokenCommand(
                TokenName.named("other"), Lifetime.FOREVER, null, by(admin)));
    service.deleteToken(named.token().name(), by(admin));
    service.updateToken(
        new UpdateTokenCommand(
            other.token().name(), Optional.empty(), Optional.of(TokenStatus.INACTIVE), by(admin)));

    assertThatThrownBy(
            () ->
                service.createNamedAdminToken(
                    new CreateNamedAdminTokenCommand(
                        TokenName.named("late"), Lifetime.FOREVER, null, gone)))
        .isInstanceOf(NotAuthenticatedException.class);
    assertThatThrownBy(() -> service.deleteToken(TokenName.named("ci2"), by(other)))
        .isInstanceOf(NotAuthenticatedException.class);
    assertThat(store.tokens().findByName(TokenName.of("late"))).isEmpty();
  }

  @Test
  void actingToken_thatMayNotCreateTokens_isToldSoBeforeWhatIsWrongWithTheRequest() {
    IssuedToken dashboard = resourceToken("dashboard", "system:ping:read", 0);
    Actor gone = by(named);
    service.deleteToken(named.token().name(), by(admin));

    for (Actor actor : List.of(gone, by(dashboard))) {
      Class<? extends RuntimeException> refusal =
          actor == gone ? NotAuthenticatedException.class : ForbiddenException.class;
      // a taken name, an expiry past year 9999, a permission of no known type
      assertThatThrownBy(
              () ->
                  service.createNamedAdminToken(
                      new CreateNamedAdminTokenCommand(
                          TokenName.named("dashboard"), Lifetime.FOREVER, null, actor)))
          .isInstanceOf(refusal);
      assertThatThrownBy(
              () ->
                  service.createNamedAdminToken(
                      new CreateNamedAdminTokenCommand(
                          TokenName.named("late"),
                          Lifetime.ofSeconds(Long.MAX_VALUE),
                          null,
                          actor)))
          .isInstanceOf(refusal);
      assertThatThrownBy(
              () ->
                  service.createResourceToken(
                      new CreateResourceTokenCommand(
                          TokenName.named("late"),
                          Permissions.parse("nosuchtype:*:read"),
                          Lifetime.FOREVER,
                          null,
                          actor)))
          .isInstanceOf(refusal);
    }
    assertThat(store.tokens().findAll()).containsExactly(admin.token(), dashboard.token());
  }
}
