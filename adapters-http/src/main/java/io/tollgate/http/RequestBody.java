package io.tollgate.http;

import io.javalin.http.Context;
import java.io.UncheckedIOException;

/**
 * Reads a request body once, at most {@link PipelineFilter#MAX_BODY_BYTES}: more is a 413 (without
 * the log line Javalin's own limit writes for every such request). A body Jetty cannot read
 * surfaces as an {@link UncheckedIOException}, which {@link HttpErrors} answers as an {@link
 * UnreadableBody}. Only for a request {@link #allowWaiting allowed} to: reading waits for the body,
 * within the bounds of the server's {@link BodyWaits}.
 */
final class RequestBody {
  private static final String ATTRIBUTE = RequestBody.class.getName();
  private static final String WAITING_ALLOWED = ATTRIBUTE + ".waitingAllowed";

  private RequestBody() {}

  /**
   * Lets this request's thread wait for its body: set by {@link PipelineFilter} on a route that
   * takes a body once the caller's token holds its permission (or on a server without auth), and
   * read by {@link #of}, which refuses otherwise. {@code waits} bounds how long and how many.
   */
  static void allowWaiting(Context ctx, BodyWaits waits) {
    ctx.attribute(WAITING_ALLOWED, waits);
  }

  /** The body's bytes, read on the first call and kept for the rest of the request. */
  static byte[] of(Context ctx) {
    byte[] cached = ctx.attribute(ATTRIBUTE);
    if (cached != null) {
      return cached;
    }
    byte[] body = read(ctx);
    ctx.attribute(ATTRIBUTE, body);
    return body;
  }

  private static byte[] read(Context ctx) {
    BodyWaits waits = ctx.attribute(WAITING_ALLOWED);
    if (waits == null) {
      // a request thread waits on the network only where the route table allows it (UnreadBody)
      throw new IllegalStateException(
          "a request body is read only on a route that takes one, after the caller's token");
    }
    byte[] body = waits.read(ctx, (int) PipelineFilter.MAX_BODY_BYTES + 1);
    if (body.length > PipelineFilter.MAX_BODY_BYTES) {
      throw UnreadBody.tooLarge(ctx, waits);
    }
    return body;
  }
}
