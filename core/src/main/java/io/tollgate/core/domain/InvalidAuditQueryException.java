package io.tollgate.core.domain;

/**
 * An audit read asked for something that cannot be answered (a limit out of range, an unknown
 * action).
 */
public final class InvalidAuditQueryException extends InvalidInputException {

  private static final long serialVersionUID = 1L;

  public InvalidAuditQueryException(String message) {
    super(message);
  }
}
