package io.tollgate.app;

import com.google.inject.Guice;
import com.google.inject.Injector;
import io.tollgate.cli.ExemptEndpoint;
import io.tollgate.cli.RunningServer;
import io.tollgate.cli.ServeOptions;
import io.tollgate.cli.ServerLauncher;
import io.tollgate.core.port.in.TokenAuthority;
import io.tollgate.embedded.guice.TollgateModule;
import io.tollgate.http.HttpModule;
import io.tollgate.http.HttpServerConfig;
import io.tollgate.http.TollgateHttpServer;
import io.tollgate.sqlite.SqliteStore;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code tollgate serve}: opens the store, imports the admin token file, starts the HTTP server and
 * stops everything cleanly on SIGTERM or SIGINT.
 */
final class TollgateServerLauncher implements ServerLauncher {

  @Override
  public RunningServer start(ServeOptions options) {
    Logging.configureForServer(options.logLevel());
    HttpServerConfig config = httpConfig(options);
    Injector injector =
        Guice.createInjector(new TollgateModule(options.dataDir()), new HttpModule(config));
    SqliteStore store = injector.getInstance(SqliteStore.class);
    try {
      TokenAuthority authority = injector.getInstance(TokenAuthority.class);
      options.adminTokenFile().ifPresent(file -> importTokenFile(authority, file));
      TollgateHttpServer server = injector.getInstance(TollgateHttpServer.class).start();
      return ProcessServer.started(server, store);
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
  }

  private static HttpServerConfig httpConfig(ServeOptions options) {
    HttpServerConfig.Builder builder =
        HttpServerConfig.builder()
            .bind(options.httpBind().toString())
            .withoutAuth(options.withoutAuth())
            .disabledAuthz(
                options.disableAuthz().stream()
                    .map(ExemptEndpoint::wireName)
                    .collect(Collectors.joining(",")))
            .version(Version.VERSION, Version.REVISION);
    options.adminTokenRecoveryHttpBind().ifPresent(bind -> builder.recoveryBind(bind.toString()));
    if (options.tlsEnabled()) {
      builder.tls(options.tlsCert().orElseThrow(), options.tlsKey().orElseThrow());
    }
    return builder.build();
  }

  private static void importTokenFile(TokenAuthority authority, java.nio.file.Path file) {
    // looked up here, not in a static field: constructing the launcher (every CLI call does) must
    // not start logback
    Logger log = LoggerFactory.getLogger(TollgateServerLauncher.class);
    AdminTokenFile tokenFile = AdminTokenFile.read(file);
    if (tokenFile.looselyReadable()) {
      log.warn(
          "admin token file {} is readable by group or others; restrict it with chmod 600", file);
    }
    authority
        .importToken(tokenFile.name(), tokenFile.secret(), tokenFile.expiry())
        .ifPresentOrElse(
            token ->
                log.info("imported token \"{}\" (id {}) from {}", token.name(), token.id(), file),
            () ->
                log.info(
                    "token \"{}\" from {} exists already; file not imported",
                    tokenFile.name(),
                    file));
  }
}
