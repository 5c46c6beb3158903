package io.tollgate.core.domain;

/**
 * A valid token asked for something its permissions do not grant: a resource token calling a
 * token-management use case, or a named admin token regenerating, editing or deleting {@code
 * _admin}. The message is InfluxDB 3 Enterprise's.
 */
public final class ForbiddenException extends TollgateException {

  private static final long serialVersionUID = 1L;

  public static final String MESSAGE = "unauthorized to perform requested action with the token";

  public ForbiddenException() {
    super(MESSAGE);
  }
}
