package io.tollgate.app;

import com.google.inject.AbstractModule;
import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.Provides;
import com.google.inject.ProvisionException;
import com.google.inject.Singleton;
import com.google.inject.util.Modules;
import io.tollgate.cli.ExemptEndpoint;
import io.tollgate.cli.RunningServer;
import io.tollgate.cli.ServeOptions;
import io.tollgate.cli.ServerLauncher;
import io.tollgate.cli.TlsKeyPassword;
import io.tollgate.core.domain.TollgateException;
import io.tollgate.core.port.in.ImportTokenUseCase.ImportResult;
import io.tollgate.core.port.in.TokenAuthority;
import io.tollgate.core.port.out.TokenStore;
import io.tollgate.core.service.TokenService;
import io.tollgate.embedded.guice.TollgateModule;
import io.tollgate.http.AuditLogFile;
import io.tollgate.http.HttpModule;
import io.tollgate.http.HttpServerConfig;
import io.tollgate.http.TlsFiles;
import io.tollgate.http.TollgateHttpServer;
import io.tollgate.stores.StoreLocation;
import io.tollgate.stores.Stores;
import java.time.Clock;
import java.util.Optional;
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
    Logging.configureForServer(options.logLevel(), options.logFormat(), options.accessLog());
    try {
      return startServer(options);
    } catch (RuntimeException e) {
      RuntimeException failure = withoutInjectorWrapping(e);
      // The CLI prints one line; the stack trace only reaches the log at --log-level debug.
      LoggerFactory.getLogger(TollgateServerLauncher.class)
          .debug("Tollgate could not start", failure);
      throw failure;
    }
  }

  /**
   * What went wrong, without the injector's report around it: a store that cannot be opened is
   * thrown by a provider, and Guice wraps it in a many-line {@link ProvisionException}.
   */
  static RuntimeException withoutInjectorWrapping(RuntimeException e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof TollgateException tollgate) {
        return tollgate;
      }
    }
    Throwable inner = e;
    while ((inner instanceof ProvisionException || inner instanceof CreationException)
        && inner.getCause() instanceof RuntimeException cause) {
      inner = cause;
    }
    return (RuntimeException) inner;
  }

  private static RunningServer startServer(ServeOptions options) {
    // checked in full before the store is opened: a bad file changes nothing
    Optional<PermissionTokensFile> permissionTokens =
        options
            .permissionTokensFile()
            .map(file -> PermissionTokensFile.read(file, options.allResourceTypes()));
    HttpServerConfig config = httpConfig(options);
    // opened before the store: an unwritable path stops serve with one line and changes nothing
    Optional<AuditLogFile> auditFile = options.auditLog().map(AuditLogFile::open);
    Injector injector;
    try {
      injector =
          Guice.createInjector(storeModule(options, auditFile), new HttpModule(config, auditFile));
    } catch (RuntimeException e) {
      auditFile.ifPresent(AuditLogFile::close);
      throw e;
    }
    TokenStore store;
    try {
      store = injector.getInstance(TokenStore.class);
    } catch (RuntimeException e) {
      auditFile.ifPresent(AuditLogFile::close);
      throw e;
    }
    AuditRetention retention = null;
    LastUseFlushing lastUse = null;
    try {
      TokenAuthority authority = injector.getInstance(TokenAuthority.class);
      options.adminTokenFile().ifPresent(file -> importTokenFile(authority, file));
      permissionTokens.ifPresent(tokens -> importPermissionTokens(authority, tokens));
      TollgateHttpServer server = injector.getInstance(TollgateHttpServer.class).start();
      if (options.auditRetention().isPresent()) {
        retention =
            new AuditRetention(store.auditLog(), options.auditRetention().get(), Clock.systemUTC())
                .start();
      }
      if (options.tracksLastUse()) {
        lastUse =
            new LastUseFlushing(
                    injector.getInstance(TokenService.class), options.lastUsedInterval())
                .start();
      }
      return ProcessServer.started(
          server, store, auditFile, Optional.ofNullable(retention), Optional.ofNullable(lastUse));
    } catch (RuntimeException e) {
      if (retention != null) {
        retention.close();
      }
      if (lastUse != null) {
        lastUse.close();
      }
      store.close();
      auditFile.ifPresent(AuditLogFile::close);
      throw e;
    }
  }

  /**
   * The store module: {@link TollgateModule}, its store wrapped so that every committed audit entry
   * also reaches the {@code --audit-log} file when there is one.
   */
  private static Module storeModule(ServeOptions options, Optional<AuditLogFile> auditFile) {
    TollgateModule tollgate =
        new TollgateModule(
            storeLocation(options), options.allResourceTypes(), options.tracksLastUse());
    if (auditFile.isEmpty()) {
      return tollgate;
    }
    AuditLogFile file = auditFile.get();
    return Modules.override(tollgate)
        .with(
            new AbstractModule() {
              @Provides
              @Singleton
              TokenStore mirroredStore() {
                return new AuditMirroringStore(Stores.open(storeLocation(options)), file::append);
              }
            });
  }

  /**
   * Where {@code serve} keeps its tokens: the PostgreSQL store of {@code --store}, else the SQLite
   * store in {@code --data-dir}.
   */
  static StoreLocation storeLocation(ServeOptions options) {
    return options
        .store()
        .<StoreLocation>map(url -> new StoreLocation.PostgresUrl(url.url(), options.maxStaleness()))
        .orElseGet(() -> new StoreLocation.SqliteDirectory(options.dataDir()));
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
    options.corsAllowOrigins().forEach(builder::corsAllowOrigin);
    builder.console(!options.withoutConsole());
    options.authzRules().ifPresent(builder::authzRules);
    builder.trustedProxies(options.trustedProxies());
    builder.authFailureLimit(options.authFailureLimit());
    builder.accessLog(options.accessLog());
    builder.shutdownGrace(options.shutdownGrace());
    if (options.tlsEnabled()) {
      builder.tls(options.tlsCert().orElseThrow(), options.tlsKey().orElseThrow());
      options.tlsKeyPassword().ifPresent(password -> builder.tlsKeyPassword(keyPassword(password)));
    }
    return builder.build();
  }

  /** The HTTP adapter's view of the password; a password file readable by others is warned of. */
  static TlsFiles.KeyPassword keyPassword(TlsKeyPassword password) {
    if (password instanceof TlsKeyPassword.File file) {
      if (AdminTokenFile.looselyReadable(file.path())) {
        LoggerFactory.getLogger(TollgateServerLauncher.class)
            .warn(
                "TLS key password file {} is readable by group or others; restrict it with chmod"
                    + " 600",
                file.path());
      }
      return TlsFiles.KeyPassword.file(file.path());
    }
    return TlsFiles.KeyPassword.of(
        ((TlsKeyPassword.Variable) password).value(), TlsKeyPassword.VARIABLE);
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
    if (tokenFile.expiryIgnored()) {
      log.warn(
          "admin token file {}: expiry_millis ignored, the operator token (_admin) never expires",
          file);
    }
    ImportResult result =
        authority.importToken(tokenFile.name(), tokenFile.secret(), tokenFile.expiry());
    result
        .token()
        .ifPresentOrElse(
            token ->
                log.info("imported token \"{}\" (id {}) from {}", token.name(), token.id(), file),
            () ->
                log.info("skipped token \"{}\" from {}: {}", tokenFile.name(), file, why(result)));
  }

  /** Every entry was checked when the file was read; each is imported once, in file order. */
  private static void importPermissionTokens(
      TokenAuthority authority, PermissionTokensFile tokens) {
    java.nio.file.Path file = tokens.file();
    Logger log = LoggerFactory.getLogger(TollgateServerLauncher.class);
    if (tokens.looselyReadable()) {
      log.warn(
          "permission tokens file {} is readable by group or others; restrict it with chmod 600",
          file);
    }
    for (PermissionTokensFile.Entry entry : tokens.tokens()) {
      ImportResult result =
          authority.importToken(entry.name(), entry.secret(), entry.expiry(), entry.permissions());
      result
          .token()
          .ifPresentOrElse(
              token ->
                  log.info(
                      "imported token \"{}\" (id {}, {}) from {}",
                      token.name(),
                      token.id(),
                      token.permissions(),
                      file),
              () -> log.info("skipped token \"{}\" from {}: {}", entry.name(), file, why(result)));
    }
  }

  private static String why(ImportResult result) {
    return switch (result.outcome()) {
      case NAME_EXISTS -> "a token of that name exists already";
      case SECRET_EXISTS -> "that token exists already under another name";
      case IMPORTED_BEFORE_AND_DELETED -> "imported before and since deleted";
      case IMPORTED -> "imported";
    };
  }
}
