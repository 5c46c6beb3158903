package io.tollgate.http;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;

/**
 * What is left of a request body the answer does not use, read and dropped before the answer. A
 * connection closed with data still on its way to the server is reset, and the client may lose the
 * answer (a 413 included) to the reset; a body read to its end leaves the connection usable. At
 * most {@link #DISCARD_LIMIT} bytes are read: past that, or when reading fails, the connection is
 * closed after the answer instead.
 */
final class UnreadBody {
  /** The most of a body read and dropped before an answer (16 times the API's limit). */
  static final long DISCARD_LIMIT = 16 * PipelineFilter.MAX_BODY_BYTES;

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
      int read;
      while (left > 0 && (read = body.read(chunk, 0, (int) Math.min(chunk.length, left))) >= 0) {
        left -= read;
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
