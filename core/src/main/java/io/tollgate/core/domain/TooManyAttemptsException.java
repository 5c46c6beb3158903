package io.tollgate.core.domain;

import java.time.Duration;

/** Too many recovery attempts in the current window; try again after {@link #retryAfter()}. */
public final class TooManyAttemptsException extends TollgateException {

  private static final long serialVersionUID = 1L;
  private final Duration retryAfter;

  public TooManyAttemptsException(Duration retryAfter) {
    super("too many recovery attempts, retry after " + retryAfter.toSeconds() + " seconds");
    this.retryAfter = retryAfter;
  }

  public Duration retryAfter() {
    return retryAfter;
  }
}
