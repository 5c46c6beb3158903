package io.tollgate.http;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Reads a request body once, at most {@link PipelineFilter#MAX_BODY_BYTES}: more is a 413 (without
 * the log line Javalin's own limit writes for every such request). A body Jetty cannot read
 * surfaces as an {@link UncheckedIOException}, which {@link HttpErrors} answers as an {@link
 * UnreadableBody}.
 */
final class RequestBody {
  private static final String ATTRIBUTE = RequestBody.class.getName();

  private RequestBody() {}

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
    byte[] body;
    try {
      body = ctx.req().getInputStream().readNBytes((int) PipelineFilter.MAX_BODY_BYTES + 1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (body.length > PipelineFilter.MAX_BODY_BYTES) {
      throw UnreadBody.tooLarge(ctx);
    }
    return body;
  }
}
