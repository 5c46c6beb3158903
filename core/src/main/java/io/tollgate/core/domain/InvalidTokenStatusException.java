package io.tollgate.core.domain;

/** A status other than active or inactive. */
public final class InvalidTokenStatusException extends InvalidInputException {

  private static final long serialVersionUID = 1L;

  public InvalidTokenStatusException(String message) {
    super(message);
  }
}
