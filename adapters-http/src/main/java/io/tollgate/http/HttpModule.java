package io.tollgate.http;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tollgate.core.port.in.RecoveryCodeUseCase;
import io.tollgate.core.port.in.TokenAuthority;
import io.tollgate.core.port.out.TokenStore;
import java.util.Objects;
import java.util.Optional;

/**
 * Guice bindings of the HTTP adapter: the {@link HttpServerConfig} given here, a {@link
 * PrometheusMeterRegistry} and a singleton {@link TollgateHttpServer} built from them and the
 * {@link TokenAuthority}, {@link RecoveryCodeUseCase} and {@link TokenStore} (its audit log) other
 * modules bind (for example {@code io.tollgate.embedded.TollgateModule}). Nothing is started: call
 * {@code injector.getInstance(TollgateHttpServer.class).start()}.
 */
public final class HttpModule extends AbstractModule {
  private final HttpServerConfig config;
  private final Optional<AuditLogFile> auditFile;

  public HttpModule(HttpServerConfig config) {
    this(config, Optional.empty());
  }

  /**
   * As above, with the {@code --audit-log} file whose write failures {@code /metrics} counts (the
   * file is written by the store's wrapper, not by the server).
   */
  public HttpModule(HttpServerConfig config, Optional<AuditLogFile> auditFile) {
    this.config = Objects.requireNonNull(config, "config");
    this.auditFile = Objects.requireNonNull(auditFile, "auditFile");
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
      PrometheusMeterRegistry registry,
      TokenStore store) {
    return TollgateHttpServer.create(
        serverConfig, authority, recoveryCodes, registry, store.auditLog(), auditFile);
  }
}
