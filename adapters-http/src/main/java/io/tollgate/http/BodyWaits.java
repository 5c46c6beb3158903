package io.tollgate.http;

import io.javalin.http.Context;
import jakarta.servlet.ServletInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Semaphore;

/**
 * How a request thread reads a body that has not arrived whole: for at most {@link #DEADLINE} in
 * all, and at most {@link #MAX_WAITING} requests at once. A body whose declared length has arrived
 * with the request (the usual case) is read without either. Waiting is only ever allowed for a
 * caller whose token holds the route's permission ({@link RequestBody#allowWaiting}); these bounds
 * keep such a caller, a leaked low-privilege token included, from holding request threads with
 * bodies sent slowly or not at all: each waiting request gives up at the deadline however the bytes
 * trickle in (408), and past the limit a request that would wait is refused at once (503), so that
 * the other request threads keep answering token checks.
 */
final class BodyWaits {
  /** The longest a request thread waits for the rest of a body, in all. */
  static final Duration DEADLINE = Duration.ofSeconds(10);

  /** The most requests waiting for their bodies at once: a quarter of the request threads. */
  static final int MAX_WAITING = JavalinAssembly.MAX_THREADS / 4;

  static final String TIMED_OUT =
      "request body not received within " + DEADLINE.toSeconds() + " seconds";
  static final String BUSY = "too many requests waiting for their bodies, retry later";

  private final Semaphore slots = new Semaphore(MAX_WAITING);

  /**
   * Up to {@code limit} bytes of the request's body (fewer if it ends sooner): what has arrived,
   * and, if the body has not arrived whole, the rest as it comes, within the bounds above.
   *
   * @throws HttpFailure 408 past the deadline, 503 when {@link #MAX_WAITING} requests wait already
   *     (both closing the connection after the answer)
   * @throws UncheckedIOException when the body cannot be read (answered 400 by {@link HttpErrors})
   */
  byte[] read(Context ctx, int limit) {
    long declared = ctx.req().getContentLengthLong();
    ByteArrayOutputStream body =
        new ByteArrayOutputStream(declared > 0 ? (int) Math.min(declared, limit) : 1024);
    byte[] chunk = new byte[8192];
    try {
      ServletInputStream in = ctx.req().getInputStream();
      readArrived(in, chunk, limit, body);
      if (body.size() >= limit || body.size() == declared) {
        return body.toByteArray();
      }
      if (in.isFinished()) {
        // ended, cleanly (-1) or by a failure Jetty met, such as malformed chunking (thrown)
        in.read();
        return body.toByteArray();
      }
      try (BodyWait wait = start(ctx, DEADLINE).orElseThrow(() -> refusal(ctx, 503, BUSY))) {
        int read;
        while (body.size() < limit
            && (read = wait.read(in, chunk, 0, Math.min(chunk.length, limit - body.size()))) >= 0) {
          body.write(chunk, 0, read);
        }
      }
    } catch (BodyWait.Expired e) {
      throw refusal(ctx, 408, TIMED_OUT);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return body.toByteArray();
  }

  /**
   * Starts a wait of at most {@code time} for the request's body, as one of the {@link
   * #MAX_WAITING}; empty when that many wait already.
   */
  Optional<BodyWait> start(Context ctx, Duration time) {
    if (!slots.tryAcquire()) {
      return Optional.empty();
    }
    try {
      return Optional.of(new BodyWait(ctx, time, slots));
    } catch (RuntimeException e) {
      slots.release();
      throw e;
    }
  }

  /**
   * Reads what has arrived of the body, never waiting, at most {@code limit} bytes, into {@code
   * sink} ({@link OutputStream#nullOutputStream()} to drop them); returns how many.
   */
  static long readArrived(ServletInputStream in, byte[] chunk, long limit, OutputStream sink)
      throws IOException {
    long count = 0;
    int ready;
    while (count < limit && !in.isFinished() && (ready = in.available()) > 0) {
      int read = in.read(chunk, 0, (int) Math.min(Math.min(chunk.length, ready), limit - count));
      if (read < 0) {
        break;
      }
      sink.write(chunk, 0, read);
      count += read;
    }
    return count;
  }

  /** A refusal after which the connection closes: the body's rest is not read. */
  private static HttpFailure refusal(Context ctx, int status, String message) {
    ctx.header("Connection", "close");
    if (status == 503) {
      ctx.header("Retry-After", "1");
    }
    return HttpFailure.plain(status, message);
  }
}
