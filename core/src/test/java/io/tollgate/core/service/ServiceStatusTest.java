package io.tollgate.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.core.crypto.Sha512TokenHasher;
import io.tollgate.core.domain.Actor;
import io.tollgate.core.domain.Description;
import io.tollgate.core.domain.IssuedToken;
import io.tollgate.core.domain.Lifetime;
import io.tollgate.core.domain.Permissions;
import io.tollgate.core.domain.StoreException;
import io.tollgate.core.domain.TokenName;
import io.tollgate.core.memory.InMemoryTokenStore;
import io.tollgate.core.port.in.CreateNamedAdminTokenUseCase.CreateNamedAdminTokenCommand;
import io.tollgate.core.port.in.CreateResourceTokenUseCase.CreateResourceTokenCommand;
import io.tollgate.core.port.in.ServiceStatusUseCase.StoreStatus;
import io.tollgate.core.port.in.ServiceStatusUseCase.TokenCounts;
import io.tollgate.core.port.out.TokenRepository;
import io.tollgate.core.port.out.TokenStore;
import io.tollgate.core.testing.MutableClock;
import io.tollgate.core.testing.ScriptedStore;
import io.tollgate.core.testing.SequentialSecretGenerator;
import java.lang.reflect.Proxy;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What {@code /metrics} and {@code /health} ask the service: token counts and one store read. */
class ServiceStatusTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2025-04-18T14:02:45Z"));
  private final InMemoryTokenStore store = new InMemoryTokenStore();

  private TokenService service() {
    return new TokenService(store, new Sha512TokenHasher(), new SequentialSecretGenerator(), clock);
  }

  @Test
  void tokenCounts_followEveryCreateRegenerateAndDelete_andSurviveARestart() {
    TokenService service = service();
    assertThat(service.tokenCounts()).isEqualTo(new TokenCounts(0, 0, 0));
    IssuedToken admin = service.createOperatorToken();
    Actor byAdmin = Actor.token(admin.token());
    for (String name : new String[] {"ci", "deploy"}) {
      service.createNamedAdminToken(
          new CreateNamedAdminTokenCommand(TokenName.named(name), Lifetime.FOREVER, null, byAdmin));
    }
    service.createResourceToken(
        new CreateResourceTokenCommand(
            TokenName.named("reader"),
            Permissions.parse("db:a:read"),
            Lifetime.FOREVER,
            Description.of("dashboard"),
            byAdmin));
    IssuedToken regenerated = service.regenerateOperatorToken(admin.secret());
    service.deleteToken(TokenName.named("ci"), Actor.token(regenerated.token()));

    assertThat(service.tokenCounts()).isEqualTo(new TokenCounts(1, 1, 1));
    assertThat(service().tokenCounts()).isEqualTo(new TokenCounts(1, 1, 1));
  }

  @Test
  void checkStore_readsOneRowOfTheStore() {
    service().createOperatorToken();
    ScriptedStore counting = new ScriptedStore(store);
    TokenService counted =
        new TokenService(counting, new Sha512TokenHasher(), new SequentialSecretGenerator(), clock);
    int callsAfterStartup = counting.calls();

    assertThat(counted.checkStore()).isEqualTo(StoreStatus.CURRENT);
    assertThat(counting.calls()).isEqualTo(callsAfterStartup + 1);
  }

  @Test
  void checkStore_reportsAStoreThatCannotVouchForItsView_asStale() {
    ScriptedStore shared = new ScriptedStore(store);
    TokenService service =
        new TokenService(shared, new Sha512TokenHasher(), new SequentialSecretGenerator(), clock);
    shared.setCurrent(false);

    assertThat(service.checkStore()).isEqualTo(StoreStatus.STALE);
  }

  @Test
  void checkStore_throwsTheStoresFailure() {
    TokenRepository unreadable =
        (TokenRepository)
            Proxy.newProxyInstance(
                TokenRepository.class.getClassLoader(),
                new Class<?>[] {TokenRepository.class},
                (proxy, method, args) -> {
                  if (method.getName().equals("findByName")) {
                    throw new StoreException("cannot read /tmp/test/tollgate.db: disk I/O error");
                  }
                  return method.invoke(store.tokens(), args);
                });
    TokenStore failing =
        (TokenStore)
            Proxy.newProxyInstance(
                TokenStore.class.getClassLoader(),
                new Class<?>[] {TokenStore.class},
                (proxy, method, args) ->
                    method.getName().equals("tokens") ? unreadable : method.invoke(store, args));
    TokenService service =
        new TokenService(failing, new Sha512TokenHasher(), new SequentialSecretGenerator(), clock);

    assertThatThrownBy(service::checkStore).isInstanceOf(StoreException.class);
  }
}
