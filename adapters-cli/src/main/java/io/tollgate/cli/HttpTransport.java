package io.tollgate.cli;

import java.io.IOException;
import java.util.Map;

/**
 * How {@link TokenApiClient} reaches the server: one HTTP/1.1 request, one response, the connection
 * closed after it. No redirects are followed and no proxy is used.
 */
interface HttpTransport {

  /** The most of a non-2xx response's body that is read (and so shown); the rest is dropped. */
  int ERROR_BODY_LIMIT = 64 * 1024;

  /**
   * Sends {@code method pathAndQuery} (appended to the host URL's path) with the given headers and
   * an optional UTF-8 body. A 2xx body is read whole; any other at most {@link #ERROR_BODY_LIMIT}
   * bytes.
   *
   * @throws ConnectTimeout when no connection is made within the connect timeout
   * @throws ResponseTimeout when the response has not arrived within the request timeout
   * @throws IOException for any other network, TLS or protocol failure
   */
  Reply exchange(String method, String pathAndQuery, Map<String, String> headers, String body)
      throws IOException;

  /** A response: its status and its body decoded as UTF-8 (empty when it has none). */
  /**
   * A response: its status and body; {@code declaredLength} is its Content-Length (-1 when none was
   * sent) and {@code complete} says whether {@code body} is all of it (an error body is cut at
   * {@link #ERROR_BODY_LIMIT} bytes).
   */
  record Reply(int status, String body, long declaredLength, boolean complete) {
    Reply(int status, String body) {
      this(status, body, -1, true);
    }
  }

  /** No connection within the connect timeout. */
  final class ConnectTimeout extends IOException {
    private static final long serialVersionUID = 1L;

    ConnectTimeout(String message) {
      super(message);
    }
  }

  /** No complete response within the request timeout. */
  final class ResponseTimeout extends IOException {
    private static final long serialVersionUID = 1L;

    ResponseTimeout(String message) {
      super(message);
    }
  }
}
