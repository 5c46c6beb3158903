package io.tollgate.http;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;

/**
 * What is left of a request body the answer does not use, read and dropped before the answer. A
 * connection closed with data still on its way to the server is reset, and the client may lose the
 * answer (a 413 included) to the reset; a body read to its end leaves the connection usable. At
 * most {@link #DISCARD_LIMIT} bytes are read, for at most {@link #DISCARD_TIME}: past either, or
 * when reading fails, the connection is closed after the answer instead, so that a client trickling
 * its body holds a thread no longer than that (and one read's wait, which the connection's idle
 * timeout bounds as for every body read).
 */
final class UnreadBody {
  /** The most of a body read and dropped before an answer (16 times the API's limit). */
  static final long DISCARD_LIMIT = 16 * PipelineFilter.MAX_BODY_BYTES;

  /** The longest a body is read and dropped before an answer. */
  static final Duration DISCARD_TIME = Duration.ofSeconds(1);

  private UnreadBody() {}

  /** Reads and drops the rest of the request's body, if it has one. */
  static void discard(Context ctx) {
    if (ctx.req().getContentLengthLong() <= 0 && ctx.header("Transfer-Encoding") == null) {
      return;
    }
    if (ctx.req().getContentLengthLong() > DISCARD_LIMIT) {
      ctx.header("Connection", "close");
      return;
    }
    try {
      InputStream body = ctx.req().getInputStream();
      byte[] chunk = new byte[8192];
      long left = DISCARD_LIMIT;
      long deadline = System.nanoTime() + DISCARD_TIME.toNanos();
      int read;
      while (left > 0 && (read = body.read(chunk, 0, (int) Math.min(chunk.length, left))) >= 0) {
        left -= read;
        if (System.nanoTime() - deadline > 0) {
          ctx.header("Connection", "close");
          return;
        }
      }
      if (left == 0 && body.read() >= 0) {
        ctx.header("Connection", "close");
      }
    } catch (IOException e) {
      ctx.header("Connection", "close");
    }
  }

  /** The 413 for a body over {@link PipelineFilter#MAX_BODY_BYTES}, its rest dropped first. */
  static HttpFailure tooLarge(Context ctx) {
    discard(ctx);
    return HttpFailure.plain(413, PipelineFilter.TOO_LARGE_BODY);
  }
}
