package io.tollgate.http;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the listeners' certificate current without a restart: every {@link #POLL_INTERVAL} it
 * compares the content of {@code --tls-cert} and {@code --tls-key} (and {@code
 * --tls-key-password-file}) with what was last read and, when either changed, loads the pair again;
 * {@link #reload()} does so at once (SIGHUP). A pair that does not load (half written, mismatched,
 * unreadable) is reported once as a warning and the previous certificate keeps serving; the next
 * change is tried again. New connections get the new certificate; open ones keep theirs.
 */
final class TlsReloader implements AutoCloseable {
  static final Duration POLL_INTERVAL = Duration.ofSeconds(2);

  private static final Logger LOG = LoggerFactory.getLogger(TlsReloader.class);

  private final TlsFiles tls;
  private final List<SslContextFactory.Server> factories = new CopyOnWriteArrayList<>();
  private byte[] lastRead;
  private ScheduledExecutorService poller;

  TlsReloader(TlsFiles tls) {
    this.tls = tls;
    this.lastRead = digest();
  }

  /** A factory serving the pair, which later reloads update. */
  SslContextFactory.Server newFactory() {
    SslContextFactory.Server factory = PemTls.sslContextFactory(tls);
    factories.add(factory);
    return factory;
  }

  synchronized void start() {
    if (poller != null) {
      return;
    }
    poller =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "tollgate-tls-reload");
              thread.setDaemon(true);
              return thread;
            });
    long millis = POLL_INTERVAL.toMillis();
    poller.scheduleWithFixedDelay(this::reloadIfChanged, millis, millis, TimeUnit.MILLISECONDS);
  }

  /** Loads the pair again if either file's content changed since it was last read. */
  synchronized void reloadIfChanged() {
    byte[] now = digest();
    if (now == null || Arrays.equals(now, lastRead)) {
      return;
    }
    lastRead = now;
    reload();
  }

  /**
   * Loads the pair now.
   *
   * @return true if every listener serves it; false (with a warning) if it does not load, and the
   *     previous certificate keeps serving
   */
  synchronized boolean reload() {
    KeyStore store;
    try {
      store = PemTls.keyStore(tls);
    } catch (IllegalArgumentException e) {
      LOG.warn("TLS certificate not reloaded, the previous one keeps serving: {}", e.getMessage());
      return false;
    }
    try {
      for (SslContextFactory.Server factory : factories) {
        factory.reload(reloaded -> reloaded.setKeyStore(store));
      }
    } catch (Exception e) {
      LOG.warn("TLS certificate not reloaded: {}", e.toString());
      return false;
    }
    LOG.info("TLS certificate reloaded from {} and {}", tls.certificate(), tls.privateKey());
    return true;
  }

  /**
   * SHA-256 over both files and the key's password file if there is one (a renewed key may come
   * with a new password, written after it); null if one cannot be read right now.
   */
  private byte[] digest() {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(Files.readAllBytes(tls.certificate()));
      sha.update((byte) 0);
      sha.update(Files.readAllBytes(tls.privateKey()));
      Optional<Path> passwordFile = tls.keyPassword().flatMap(TlsFiles.KeyPassword::path);
      if (passwordFile.isPresent()) {
        sha.update((byte) 0);
        sha.update(Files.readAllBytes(passwordFile.get()));
      }
      return sha.digest();
    } catch (IOException e) {
      return null;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public synchronized void close() {
    if (poller != null) {
      poller.shutdownNow();
    }
  }
}
