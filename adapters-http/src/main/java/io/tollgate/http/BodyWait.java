package io.tollgate.http;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.io.EndPoint;

/**
 * One request thread's wait for a body, started by {@link BodyWaits#start}: its reads may block,
 * but none past the wait's deadline, because before each one the connection's idle timeout is cut
 * to what is left of it.
 */
final class BodyWait implements AutoCloseable {

  /** The wait's deadline passed: the body did not arrive in time. */
  static final class Expired extends IOException {
    private static final long serialVersionUID = 1L;

    Expired(Throwable cause) {
      super("request body not received in time", cause);
    }
  }

  private final Semaphore slots;
  private final EndPoint endPoint;
  private final long idleTimeout;
  private final long deadline;
  private long cut;

  BodyWait(Context ctx, Duration time, Semaphore slots) {
    this.slots = slots;
    this.endPoint =
        ServletContextRequest.getServletContextRequest(ctx.req())
            .getConnectionMetaData()
            .getConnection()
            .getEndPoint();
    this.idleTimeout = endPoint.getIdleTimeout();
    this.deadline = System.nanoTime() + time.toNanos();
  }

  /**
   * Reads from {@code in} as {@link InputStream#read(byte[], int, int)} does, waiting at most until
   * the deadline.
   *
   * @throws Expired when the deadline has passed, before or during the read
   */
  int read(InputStream in, byte[] buffer, int offset, int length) throws IOException {
    long left = deadline - System.nanoTime();
    if (left <= 0) {
      throw new Expired(null);
    }
    long leftMillis = (left + 999_999) / 1_000_000;
    cut = idleTimeout > 0 ? Math.min(idleTimeout, leftMillis) : leftMillis;
    endPoint.setIdleTimeout(cut);
    try {
      return in.read(buffer, offset, length);
    } catch (IOException e) {
      if (timedOut(e) || deadline - System.nanoTime() <= 0) {
        throw new Expired(e); // the cut idle timeout ended the read
      }
      throw e;
    }
  }

  /**
   * Ends the wait. The idle timeout is restored unless something else changed it meanwhile (the
   * connection cap shortens every connection's while the server is at the cap, {@link
   * ConnectionCap}): that change stands.
   */
  @Override
  public void close() {
    if (cut != 0 && endPoint.getIdleTimeout() == cut) {
      endPoint.setIdleTimeout(idleTimeout);
    }
    slots.release();
  }

  private static boolean timedOut(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof TimeoutException) {
        return true;
      }
    }
    return false;
  }
}
