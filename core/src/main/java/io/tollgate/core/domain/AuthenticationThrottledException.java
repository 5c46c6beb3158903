package io.tollgate.core.domain;

import java.time.Duration;

/**
 * The client address has failed authentication too often within the current window: refused before
 * any token is checked, until {@link #retryAfter()} has passed.
 */
public final class AuthenticationThrottledException extends TollgateException {

  private static final long serialVersionUID = 1L;

  public static final String MESSAGE = "too many failed authentication attempts";

  private final Duration retryAfter;

  public AuthenticationThrottledException(Duration retryAfter) {
    super(MESSAGE);
    this.retryAfter = retryAfter;
  }

  /** No stack trace: a flood of throttled requests should cost as little as possible. */
  @Override
  public synchronized Throwable fillInStackTrace() {
    return this;
  }

  /** How long until the window lets the address in again (at least one second). */
  public Duration retryAfter() {
    return retryAfter;
  }
}
