package io.tollgate.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.core.crypto.Sha512TokenHasher;
import io.tollgate.core.domain.Actor;
import io.tollgate.core.domain.Expiry;
import io.tollgate.core.domain.InvalidPermissionException;
import io.tollgate.core.domain.InvalidTokenNameException;
import io.tollgate.core.domain.Permission;
import io.tollgate.core.domain.Permissions;
import io.tollgate.core.domain.ResourceType;
import io.tollgate.core.domain.ResourceTypes;
import io.tollgate.core.domain.TokenName;
import io.tollgate.core.domain.TokenSecret;
import io.tollgate.core.memory.InMemoryTokenStore;
import io.tollgate.core.port.in.ImportTokenUseCase.ImportOutcome;
import io.tollgate.core.port.in.ImportTokenUseCase.ImportResult;
import io.tollgate.core.testing.SequentialSecretGenerator;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Importing a token with permissions: a permission-tokens file's resource tokens. */
class PermissionTokenImportTest {

  private static final Instant T0 = Instant.parse("2025-04-18T14:02:45.331Z");
  private static final TokenSecret SECRET = TokenSecret.imported("apiv3_" + "p".repeat(40));

  private final InMemoryTokenStore store = new InMemoryTokenStore();

  private TokenService service(ResourceTypes types) {
    return new TokenService(
        store,
        new Sha512TokenHasher(),
        new SequentialSecretGenerator(),
        Clock.fixed(T0, ZoneOffset.UTC),
        types);
  }

  @Test
  void import_storesThePermissionsAndTheTokenIsAllowedOnlyWhatTheyGrant() {
    TokenService service = service(ResourceTypes.builtIn());
    Permissions permissions = Permissions.parse("db:a,b:read system:ping:read");

    ImportResult result =
        service.importToken(TokenName.of("reader"), SECRET, Expiry.NEVER, permissions);

    assertThat(result.outcome()).isEqualTo(ImportOutcome.IMPORTED);
    assertThat(result.token().orElseThrow().permissions()).isEqualTo(permissions);
    assertThat(
            service.authorize(SECRET.value(), Permission.required("db", "a", "read")).isAllowed())
        .isTrue();
    assertThat(
            service.authorize(SECRET.value(), Permission.required("db", "a", "write")).isAllowed())
        .isFalse();
    assertThat(service.authorize(SECRET.value(), Permission.ADMIN).isAllowed()).isFalse();
  }

  @Test
  void import_aDeletedPermissionTokenStaysDeleted() {
    TokenService service = service(ResourceTypes.builtIn());
    Permissions permissions = Permissions.parse("db:*:read");
    service.importToken(TokenName.of("reader"), SECRET, Expiry.NEVER, permissions);
    Actor admin = Actor.token(service.createOperatorToken().token());
    service.deleteToken(TokenName.of("reader"), admin);

    ImportResult again =
        service.importToken(TokenName.of("reader"), SECRET, Expiry.NEVER, permissions);

    assertThat(again.outcome()).isEqualTo(ImportOutcome.IMPORTED_BEFORE_AND_DELETED);
    assertThat(service.authenticate(SECRET.value()).isAuthenticated()).isFalse();
  }

  @Test
  void import_refusesATypeTheServerDoesNotDeclareAndStoresNothing() {
    TokenService service = service(ResourceTypes.builtIn());

    assertThatThrownBy(
            () ->
                service.importToken(
                    TokenName.of("orders"),
                    SECRET,
                    Expiry.NEVER,
                    Permissions.parse("orders:*:read")))
        .isInstanceOf(InvalidPermissionException.class)
        .hasMessageContaining("orders")
        .hasMessageNotContaining(SECRET.value());
    assertThat(store.tokens().findAll()).isEmpty();
  }

  @Test
  void import_acceptsADeclaredType() {
    TokenService service =
        service(ResourceTypes.builtIn().with(ResourceType.anyName("orders", "read", "write")));

    ImportResult result =
        service.importToken(
            TokenName.of("orders"), SECRET, Expiry.NEVER, Permissions.parse("orders:*:read"));

    assertThat(result.outcome()).isEqualTo(ImportOutcome.IMPORTED);
  }

  @Test
  void import_refusesTheOperatorNameForAResourceToken() {
    TokenService service = service(ResourceTypes.builtIn());

    assertThatThrownBy(
            () ->
                service.importToken(
                    TokenName.OPERATOR, SECRET, Expiry.NEVER, Permissions.parse("db:*:read")))
        .isInstanceOf(InvalidTokenNameException.class);
    assertThat(store.tokens().findAll()).isEmpty();
  }
}
