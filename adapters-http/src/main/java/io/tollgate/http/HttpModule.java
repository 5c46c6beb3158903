package io.tollgate.http;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tollgate.core.port.in.RecoveryCodeUseCase;
import io.tollgate.core.port.in.TokenAuthority;
import java.util.Objects;

/**
 * Guice bindings of the HTTP adapter: the {@link HttpServerConfig} given here, a {@link
 * PrometheusMeterRegistry} and a singleton {@link TollgateHttpServer} built from them and the
 * {@link TokenAuthority} and {@link RecoveryCodeUseCase} other modules bind (for example {@code
 * io.tollgate.embedded.TollgateModule}). Nothing is started: call {@code
 * injector.getInstance(TollgateHttpServer.class).start()}.
 */
public final class HttpModule extends AbstractModule {
  private final HttpServerConfig config;

  public HttpModule(HttpServerConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  @Override
  protected void configure() {
    bind(HttpServerConfig.class).toInstance(config);
  }

  @Provides
  @Singleton
  PrometheusMeterRegistry prometheusMeterRegistry() {
    return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  }

  @Provides
  @Singleton
  TollgateHttpServer tollgateHttpServer(
      HttpServerConfig serverConfig,
      TokenAuthority authority,
      RecoveryCodeUseCase recoveryCodes,
      PrometheusMeterRegistry registry) {
    return TollgateHttpServer.create(serverConfig, authority, recoveryCodes, registry);
  }
}
