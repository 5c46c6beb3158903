package io.tollgate.cli;

/**
 * A failure the user must see as one line on stderr, exit code 1: the server refused, the network
 * failed, a file could not be written, a confirmation was declined. Its message never contains a
 * token string.
 */
final class CliFailure extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String hint;

  CliFailure(String message) {
    this(message, null, null);
  }

  CliFailure(String message, String hint, Throwable cause) {
    super(message, cause, false, false);
    this.hint = hint;
  }

  /** A second line with advice, or null. */
  String hint() {
    return hint;
  }
}
