package io.tollgate.http;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Stopping without cutting requests short ({@code --shutdown-grace}). Jetty's {@link
 * GracefulHandler} counts the requests in flight and, once shut down, answers 503 to new ones; but
 * Jetty's own graceful stop also gives every open connection an idle timeout of one second, which
 * would cut off a client still sending its body slowly, and throws when its timeout runs out. So
 * the connectors run without that idle timeout, {@link #beginStop} closes at once the connections
 * that have no request in flight (idle keep-alive connections, which would otherwise hold the stop
 * for their whole idle timeout), and {@link #awaitRequestsInFlight} waits for the busy ones.
 */
final class GracefulStop extends GracefulHandler {
  private final Set<EndPoint> busy = ConcurrentHashMap.newKeySet();

  /** Sets up {@code connector} for a graceful stop: no short idle timeout on shutdown. */
  static void prepare(AbstractConnector connector) {
    connector.setShutdownIdleTimeout(-1);
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    EndPoint endPoint = request.getConnectionMetaData().getConnection().getEndPoint();
    busy.add(endPoint);
    Callback tracked =
        new Callback.Nested(callback) {
          @Override
          public void succeeded() {
            busy.remove(endPoint);
            super.succeeded();
          }

          @Override
          public void failed(Throwable failure) {
            busy.remove(endPoint);
            super.failed(failure);
          }
        };
    boolean handled = false;
    try {
      handled = super.handle(request, response, tracked);
      return handled;
    } finally {
      if (!handled) {
        busy.remove(endPoint);
      }
    }
  }

  /**
   * Waits up to {@code grace} until no request is in flight; false if some still are. Call after
   * {@link #beginStop}.
   */
  boolean awaitRequestsInFlight(Duration grace) {
    try {
      shutdown().get(grace.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException | ExecutionException e) {
      return getCurrentRequestCount() == 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * Answers 503 to new requests, stops {@code connector} accepting and closes its connections that
   * have no request in flight; the server's stop then waits for the others (see the class comment).
   */
  void beginStop(AbstractConnector connector) {
    shutdown(); // from now on a new request gets 503
    connector.shutdown();
    for (EndPoint endPoint : connector.getConnectedEndPoints()) {
      if (!busy.contains(endPoint)) {
        endPoint.close();
      }
    }
  }
}
