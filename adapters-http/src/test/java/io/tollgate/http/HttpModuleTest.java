package io.tollgate.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import io.tollgate.core.crypto.SecureRandomSecretGenerator;
import io.tollgate.core.crypto.Sha512TokenHasher;
import io.tollgate.core.memory.InMemoryTokenStore;
import io.tollgate.core.port.in.RecoveryCodeUseCase;
import io.tollgate.core.port.in.TokenAuthority;
import io.tollgate.core.service.RecoveryCodeService;
import io.tollgate.core.service.TokenService;
import io.tollgate.core.testing.FastRecoveryCodeHasher;
import java.security.SecureRandom;
import java.time.Clock;
import org.junit.jupiter.api.Test;

class HttpModuleTest {
  @Test
  void module_providesOneUnstartedServer_thatStartsOnDemand() {
    Injector injector =
        Guice.createInjector(
            new HttpModule(HttpServerConfig.builder().bind("127.0.0.1:0").build()),
            new AbstractModule() {
              @Override
              protected void configure() {
                InMemoryTokenStore store = new InMemoryTokenStore();
                TokenService tokens =
                    new TokenService(
                        store,
                        new Sha512TokenHasher(),
                        new SecureRandomSecretGenerator(),
                        Clock.systemUTC());
                bind(TokenAuthority.class).toInstance(tokens);
                bind(io.tollgate.core.port.out.TokenStore.class).toInstance(store);
                bind(RecoveryCodeUseCase.class)
                    .toInstance(
                        new RecoveryCodeService(
                            tokens,
                            store,
                            new FastRecoveryCodeHasher(),
                            new SecureRandom(),
                            Clock.systemUTC()));
              }
            });
    TollgateHttpServer server = injector.getInstance(TollgateHttpServer.class);
    assertThat(injector.getInstance(TollgateHttpServer.class)).isSameAs(server);
    assertThat(server.port()).isEqualTo(-1);
    try (TollgateHttpServer started = server.start()) {
      assertThat(started.port()).isPositive();
    }
  }
}
