package io.tollgate.http;

/**
 * A request the adapter itself refuses before any use case runs (bad JSON, a wrong content type, a
 * missing parameter). Carries the exact status and body; the message never holds a secret.
 */
final class HttpFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final boolean json;

  private HttpFailure(int status, String body, boolean json) {
    super(body, null, false, false);
    this.status = status;
    this.json = json;
  }

  static HttpFailure plain(int status, String body) {
    return new HttpFailure(status, body, false);
  }

  /** A JSON body, written exactly as given. */
  static HttpFailure json(int status, String body) {
    return new HttpFailure(status, body, true);
  }

  static HttpFailure badRequest(String body) {
    return plain(400, body);
  }

  int status() {
    return status;
  }

  boolean isJson() {
    return json;
  }

  String body() {
    return getMessage();
  }
}
