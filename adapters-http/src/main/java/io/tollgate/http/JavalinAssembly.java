package io.tollgate.http;

import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.config.JavalinConfig;
import io.tollgate.http.HttpServerConfig.Bind;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds a Javalin instance the way both listeners need it: one connector (HTTP or HTTPS) on the
 * configured address, Javalin's banner, compression, ETags and trailing-slash leniency off, the 64
 * KiB body limit, Jetty's error pages replaced, at most {@code maxConnections} connections ({@link
 * ConnectionCap}), connections that linger when the server closes them ({@link
 * LingeringConnector}), one DEBUG line and one metric per request, and with {@code --access-log}
 * one {@link AccessLog} line.
 */
final class JavalinAssembly {
  private static final Logger REQUEST_LOG = LoggerFactory.getLogger("io.tollgate.http.requests");
  private static final Logger LOG = LoggerFactory.getLogger(JavalinAssembly.class);

  /**
   * The kernel send buffer of each accepted connection. Left to autotuning it grows to megabytes (4
   * MiB on loopback), so a client that pipelines requests and never reads had the server render and
   * queue dozens of responses per connection before the connection stalled; with this bound it
   * stalls after a couple, parked without a thread (see {@link NonBlockingBody}) until it reads or
   * the idle timeout closes it.
   */
  static final int SEND_BUFFER_BYTES = 64 * 1024;

  /**
   * At most this many request threads (Javalin's default is 250). No request waits on the network
   * holding a thread ({@link NonBlockingBody}), so more threads than this only add stacks and heap
   * on two cores: a burst of 300 connections had the pool grow to 250 threads (+60 MiB resident)
   * that then idled for minutes.
   */
  static final int MAX_THREADS = 64;

  /**
   * The buffer through which Javalin copies each response body into Jetty's output. Javalin
   * allocates a new one for every response, by default as large as Jetty's output buffer (32 KiB):
   * on {@code GET /ping} under load that was nine tenths of all the server allocated, for a body of
   * 49 bytes. Bodies Tollgate hands over whole are at most {@link Responses#BUFFERED_BODY_BYTES};
   * the few larger than this go over in several copies into the same Jetty buffer.
   */
  static final int RESPONSE_COPY_BYTES = 2 * 1024;

  /**
   * The listen backlog: connections the kernel has completed and the server not yet accepted. The
   * JDK's default of 50 overflowed on a burst of new connections faster than the acceptor takes
   * them (2,000 connections opened one after the other: about 1 in 100 lost its first SYN and
   * waited the client's 1 s retransmit, 20 s in all); the kernel caps it at {@code somaxconn}.
   */
  static final int ACCEPT_QUEUE = 1024;

  private static final int MIN_THREADS = 8;
  private static final int THREAD_IDLE_MILLIS = 60_000;

  private final Javalin javalin;
  private final AtomicReference<ServerConnector> connector = new AtomicReference<>();
  private final boolean secure;
  private final GracefulStop graceful = new GracefulStop();
  private final Duration stopGrace;

  JavalinAssembly(
      Bind bind,
      Optional<SslContextFactory.Server> ssl,
      PlainJettyErrors jettyErrors,
      HttpErrors errors,
      HttpMetrics metrics,
      Duration stopGrace,
      boolean accessLog,
      int maxConnections,
      Consumer<JavalinConfig> routes) {
    this.secure = ssl.isPresent();
    this.stopGrace = stopGrace;
    this.javalin =
        Javalin.create(
            config -> {
              config.startup.showJavalinBanner = false;
              config.startup.showOldJavalinVersionWarning = false;
              config.startup.startupWatcherEnabled = false;
              config.http.maxRequestSize = PipelineFilter.MAX_BODY_BYTES;
              config.http.responseBufferSize = RESPONSE_COPY_BYTES;
              config.jetty.threadPool = threadPool();
              config.http.generateEtags = false;
              config.http.prefer405over404 = false;
              config.http.compressionStrategy = CompressionStrategy.NONE;
              config.router.ignoreTrailingSlashes = false;
              config.router.caseInsensitiveRoutes = false;
              config.router.treatMultipleSlashesAsSingleSlash = false;
              config.router.javaLangErrorHandler(errors::handleError);
              config.jetty.modifyServer(
                  server -> {
                    server.setErrorHandler(jettyErrors);
                    ConnectionCap.apply(server, maxConnections);
                    // counts the requests in flight, which stop() waits for
                    server.insertHandler(graceful);
                  });
              config.jetty.modifyHttpConfiguration(
                  http -> {
                    http.setSendServerVersion(false);
                    http.setSendDateHeader(true);
                    // Jetty's per-connection header cache matches values case-insensitively, which
                    // could hand a handler a cached "Bearer X" for "Bearer x": tokens are
                    // case-sensitive.
                    http.setHeaderCacheCaseSensitive(true);
                    // A body up to this size is buffered and sent after the handler returns,
                    // without holding a thread; Responses writes larger ones non-blocking.
                    http.setOutputAggregationSize(Responses.BUFFERED_BODY_BYTES);
                  });
              config.jetty.addConnector(
                  (server, http) -> {
                    ServerConnector created =
                        ssl.map(factory -> httpsConnector(server, http, factory, maxConnections))
                            .orElseGet(
                                () ->
                                    new LingeringConnector(
                                        server, maxConnections, new HttpConnectionFactory(http)));
                    created.setAcceptedSendBufferSize(SEND_BUFFER_BYTES);
                    created.setAcceptQueueSize(ACCEPT_QUEUE);
                    GracefulStop.prepare(created);
                    created.setHost(bind.host());
                    created.setPort(bind.port());
                    connector.set(created);
                    return created;
                  });
              config.requestLogger.http(
                  (ctx, millis) -> {
                    long nanos = (long) (millis * 1_000_000.0);
                    metrics.recordRequest(ctx.method(), ctx.path(), ctx.statusCode(), nanos);
                    if (REQUEST_LOG.isDebugEnabled()) {
                      REQUEST_LOG.debug(
                          "{} {} -> {} ({} ms)",
                          ctx.method(),
                          AccessLog.redactedPath(ctx.path()),
                          ctx.statusCode(),
                          millis);
                    }
                    if (accessLog) {
                      AccessLog.log(ctx, millis);
                    }
                  });
              errors.addTo(config.routes);
              routes.accept(config);
            });
  }

  private static QueuedThreadPool threadPool() {
    QueuedThreadPool pool = new QueuedThreadPool(MAX_THREADS, MIN_THREADS, THREAD_IDLE_MILLIS);
    pool.setName("tollgate-http");
    return pool;
  }

  private static ServerConnector httpsConnector(
      org.eclipse.jetty.server.Server server,
      HttpConfiguration http,
      SslContextFactory.Server factory,
      int maxConnections) {
    HttpConfiguration https = new HttpConfiguration(http);
    https.addCustomizer(new SecureRequestCustomizer(false));
    return new LingeringConnector(
        server,
        maxConnections,
        new SslConnectionFactory(factory, "http/1.1"),
        new HttpConnectionFactory(https));
  }

  Javalin javalin() {
    return javalin;
  }

  void start() {
    javalin.start();
  }

  /**
   * Stops accepting and closes idle connections, waits up to the stop grace for the requests in
   * flight (a request arriving meanwhile on an open connection gets 503), then stops, closing
   * whatever connection is left.
   */
  void stop() {
    ServerConnector bound = connector.get();
    if (bound != null && bound.isStarted()) {
      graceful.beginStop(bound);
      if (!graceful.awaitRequestsInFlight(stopGrace)) {
        LOG.warn(
            "{} request(s) still in flight after the shutdown grace of {} ms; closing them",
            graceful.getCurrentRequestCount(),
            stopGrace.toMillis());
      }
    }
    javalin.stop();
  }

  /** The port actually bound (resolves port 0); -1 before start. */
  int port() {
    ServerConnector bound = connector.get();
    return bound == null ? -1 : bound.getLocalPort();
  }

  /** How many of this listener's closed connections still linger ({@link LingeringConnector}). */
  int lingering() {
    return connector.get() instanceof LingeringConnector bound ? bound.lingering() : 0;
  }

  String scheme() {
    return secure ? "https" : "http";
  }
}
