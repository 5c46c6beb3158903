package io.tollgate.http;

import io.javalin.http.Context;
import jakarta.servlet.ServletInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.jetty.ee10.servlet.HttpInput;

/**
 * What is left of a request body the answer does not use, read and dropped before the answer. A
 * connection closed with data still on its way to the server is reset, and the client may lose the
 * answer (a 413 included) to the reset; a body read to its end leaves the connection usable. At
 * most {@link #DISCARD_LIMIT} bytes are read, for at most {@link #DISCARD_TIME} in all (a {@link
 * BodyWait}): past either, or when reading fails, the connection is closed after the answer
 * instead, so that a client trickling its body holds a thread no longer than that.
 *
 * <p>Waiting is only for a route that takes a body, once the caller's token holds its permission
 * ({@link Route#takesBody}). Any other request (forward authentication, the bootstrap, a console
 * file, {@code /ping}) gets no wait at all ({@link #discardArrived}): what has arrived is dropped,
 * and if more was announced the connection is closed after the answer. Otherwise a few dozen
 * connections stopping part-way through a body, from anyone, would hold every request thread.
 */
final class UnreadBody {
  /** The most of a body read and dropped before an answer (16 times the API's limit). */
  static final long DISCARD_LIMIT = 16 * PipelineFilter.MAX_BODY_BYTES;

  /** The longest a body is read and dropped before an answer. */
  static final Duration DISCARD_TIME = Duration.ofSeconds(1);

  private UnreadBody() {}

  /**
   * Reads and drops the rest of the request's body, if it has one, waiting for it (see above): only
   * on a route that takes a body, for a caller whose token holds its permission. What has arrived
   * is dropped at once; the rest only as one of {@code waits}' waiting requests, and when that many
   * wait already, the connection is closed instead.
   */
  static void discard(Context ctx, BodyWaits waits) {
    long declared = ctx.req().getContentLengthLong();
    if (declared <= 0 && ctx.header("Transfer-Encoding") == null) {
      return;
    }
    if (declared > DISCARD_LIMIT) {
      ctx.header("Connection", "close");
      return;
    }
    try {
      ServletInputStream body = ctx.req().getInputStream();
      byte[] chunk = new byte[8192];
      long left =
          DISCARD_LIMIT
              - BodyWaits.readArrived(body, chunk, DISCARD_LIMIT, OutputStream.nullOutputStream());
      if (body.isFinished() || DISCARD_LIMIT - left == declared) {
        return; // all of it had arrived
      }
      Optional<BodyWait> started = waits.start(ctx, DISCARD_TIME);
      if (started.isEmpty()) {
        ctx.header("Connection", "close");
        return;
      }
      try (BodyWait wait = started.get()) {
        int read;
        while (left > 0
            && (read = wait.read(body, chunk, 0, (int) Math.min(chunk.length, left))) >= 0) {
          left -= read;
        }
        if (left == 0 && wait.read(body, chunk, 0, 1) >= 0) {
          ctx.header("Connection", "close");
        }
      }
    } catch (IOException e) {
      ctx.header("Connection", "close"); // the wait expired, or the body could not be read
    }
  }

  /**
   * Reads and drops what has arrived of the request's body, never waiting for more: if the body did
   * not end within what had arrived (or {@link #DISCARD_LIMIT}), the connection is closed after the
   * answer. A body that has arrived broken (malformed chunking, a stream that ended early) is
   * thrown as the {@link UncheckedIOException} {@link HttpErrors} answers with 400, as when a
   * handler reads it. Returns how many bytes were dropped.
   *
   * <p>A client that sent {@code Expect: 100-continue} is not asked for its body: reading would
   * make the server send {@code 100 Continue} and then close on the body it invited, resetting the
   * connection under the answer. It gets the answer alone, and the connection closed after it.
   */
  static long discardArrived(Context ctx) {
    long length = ctx.req().getContentLengthLong();
    if (length <= 0 && ctx.header("Transfer-Encoding") == null) {
      return 0;
    }
    if (waitsForContinue(ctx)) {
      ctx.header("Connection", "close");
      return 0;
    }
    long limit = length < 0 ? DISCARD_LIMIT : Math.min(length, DISCARD_LIMIT);
    long dropped = 0;
    try {
      ServletInputStream body = ctx.req().getInputStream();
      dropped = BodyWaits.readArrived(body, new byte[8192], limit, OutputStream.nullOutputStream());
      if (body.isFinished()) {
        // ended, cleanly or by a failure Jetty met (malformed chunking, a stream that ended
        // early): a read returns -1 for the one and throws the other at once (a 400: a request
        // with a broken body is not served)
        body.read();
      } else if (body instanceof HttpInput jetty) {
        // what is left of what has arrived: such a failure, thrown as above, or the body's end,
        // which consuming it marks finished
        if (jetty.isError()) {
          body.read();
        }
        jetty.consumeAvailable();
      }
      if (!body.isFinished() && dropped != length) {
        ctx.header("Connection", "close");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e); // HttpErrors answers it (UnreadableBody)
    }
    return dropped;
  }

  private static boolean waitsForContinue(Context ctx) {
    String expect = ctx.header("Expect");
    return expect != null && expect.trim().equalsIgnoreCase("100-continue");
  }

  /**
   * The 413 for a body over {@link PipelineFilter#MAX_BODY_BYTES}, what has arrived of it dropped
   * first, never waiting for more.
   */
  static HttpFailure tooLarge(Context ctx) {
    discardArrived(ctx);
    return tooLargeRefusal();
  }

  /**
   * The 413 for a body over {@link PipelineFilter#MAX_BODY_BYTES}, its rest dropped first, waiting
   * for it as one of {@code waits} (see above).
   */
  static HttpFailure tooLarge(Context ctx, BodyWaits waits) {
    discard(ctx, waits);
    return tooLargeRefusal();
  }

  /** The 413 for a body over {@link PipelineFilter#MAX_BODY_BYTES}, for a body already dropped. */
  static HttpFailure tooLargeRefusal() {
    return HttpFailure.plain(413, PipelineFilter.TOO_LARGE_BODY);
  }
}
