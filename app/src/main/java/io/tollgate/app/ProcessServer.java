package io.tollgate.app;

import io.tollgate.cli.RunningServer;
import io.tollgate.core.port.out.TokenStore;
import io.tollgate.http.AuditLogFile;
import io.tollgate.http.TollgateHttpServer;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running server owned by this process. SIGTERM and SIGINT release {@link #awaitShutdown()}, so
 * the CLI closes the server (in-flight requests finish, the last uses are written, the store
 * closes) and exits 0; SIGHUP reloads the TLS certificate and key and reopens the {@code
 * --audit-log} file (for logrotate).
 */
final class ProcessServer implements RunningServer {

  private static final Logger LOG = LoggerFactory.getLogger(ProcessServer.class);

  private final TollgateHttpServer server;
  private final TokenStore store;
  private final Optional<AuditLogFile> auditFile;
  private final Optional<AuditRetention> retention;
  private final Optional<LastUseFlushing> lastUse;
  private final CountDownLatch stopRequested = new CountDownLatch(1);
  private boolean closed;

  private ProcessServer(
      TollgateHttpServer server,
      TokenStore store,
      Optional<AuditLogFile> auditFile,
      Optional<AuditRetention> retention,
      Optional<LastUseFlushing> lastUse) {
    this.server = server;
    this.store = store;
    this.auditFile = auditFile;
    this.retention = retention;
    this.lastUse = lastUse;
  }

  static ProcessServer started(TollgateHttpServer server, TokenStore store) {
    return started(server, store, Optional.empty(), Optional.empty(), Optional.empty());
  }

  static ProcessServer started(
      TollgateHttpServer server,
      TokenStore store,
      Optional<AuditLogFile> auditFile,
      Optional<AuditRetention> retention,
      Optional<LastUseFlushing> lastUse) {
    ProcessServer running = new ProcessServer(server, store, auditFile, retention, lastUse);
    for (String name : new String[] {"TERM", "INT"}) {
      Signals.handle(name, () -> running.requestStop("SIG" + name));
    }
    Signals.handle(
        "HUP",
        () -> {
          running.reloadTls();
          auditFile.ifPresent(file -> file.reopen());
        });
    return running;
  }

  /** SIGHUP: read the TLS certificate and key again (the files are also watched). */
  private void reloadTls() {
    if (server.config().tls().isEmpty()) {
      LOG.info("SIGHUP received; nothing to reload (serving without TLS)");
      return;
    }
    LOG.info("SIGHUP received, reloading the TLS certificate");
    server.reloadTls();
  }

  private void requestStop(String reason) {
    LOG.info("{} received, shutting down", reason);
    stopRequested.countDown();
  }

  @Override
  public void awaitShutdown() throws InterruptedException {
    stopRequested.await();
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    stopRequested.countDown();
    retention.ifPresent(AuditRetention::close);
    try {
      server.stop(); // hands the last refusals to the audit, through the file
    } finally {
      // after the server (no use comes later), before the store closes
      lastUse.ifPresent(LastUseFlushing::close);
      store.close();
      auditFile.ifPresent(AuditLogFile::close);
    }
    LOG.info("Tollgate stopped");
  }
}
