package io.tollgate.core.domain;

/** An expiry that is negative, past year 9999, or set on the operator token. */
public final class InvalidExpiryException extends InvalidInputException {

  private static final long serialVersionUID = 1L;

  public InvalidExpiryException(String message) {
    super(message);
  }
}
