package io.tollgate.cli;

import java.net.URI;

/**
 * A failure the user must see as one line on stderr, exit code 1: the server refused, the network
 * failed, a file could not be written, a confirmation was declined. Its message never contains a
 * token string.
 */
final class CliFailure extends RuntimeException {

  private static final long serialVersionUID = 1L;

  static final String REFUSED_TOKEN_HINT =
      "the server refused the token (401): it may be wrong, expired, inactive, or regenerated";
  static final String NO_TOKEN_HINT = "no token was sent: pass --token or set TOLLGATE_AUTH_TOKEN";

  private final String hint;

  CliFailure(String message) {
    this(message, null, null);
  }

  CliFailure(String message, String hint, Throwable cause) {
    super(message, cause, false, false);
    this.hint = hint;
  }

  /**
   * The server answered with a status outside 2xx: its status and body, the body made printable and
   * capped ({@link ErrorBody#printable}). A 401 gets a hint: a token may have been refused for
   * several reasons (a regeneration replaces the operator token's secret), or none was sent.
   */
  static CliFailure serverResponded(URI host, int status, ErrorBody body, boolean tokenSent) {
    String hint = null;
    if (status == 401) {
      hint = tokenSent ? REFUSED_TOKEN_HINT : NO_TOKEN_HINT;
    }
    return new CliFailure(
        "server at " + host + " responded " + status + ": " + body.printable(), hint, null);
  }

  /** A second line with advice, or null. */
  String hint() {
    return hint;
  }
}
