package io.tollgate.http;

import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.HttpException;

/**
 * A request body Jetty could not read: malformed chunking, a stream that ended early, a chunked
 * body over the limit, a read that timed out. The client's fault, answered with a 4xx.
 *
 * @param status 400, or 413 for a body over the limit
 * @param body the plain-text response body
 * @param kind what went wrong, one of a few fixed phrases (the key for rate-limited logging)
 */
record UnreadableBody(int status, String body, String kind) {
  static final String MALFORMED_BODY =
      "the request body could not be read: malformed chunked encoding or fewer bytes than"
          + " announced";
  static final String INTERRUPTED_BODY =
      "the request body could not be read: the connection failed or timed out";

  /** The unreadable body {@code failure} reports, if it is one (anywhere in its causes). */
  static Optional<UnreadableBody> of(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof HttpException http && http.getCode() >= 400 && http.getCode() < 500) {
        return Optional.of(
            http.getCode() == 413
                ? new UnreadableBody(413, PipelineFilter.TOO_LARGE_BODY, "body over the limit")
                : new UnreadableBody(400, MALFORMED_BODY, "malformed or truncated body"));
      }
      if (t instanceof IOException || t instanceof TimeoutException) {
        return Optional.of(
            new UnreadableBody(400, INTERRUPTED_BODY, "connection failed while reading the body"));
      }
    }
    return Optional.empty();
  }
}
