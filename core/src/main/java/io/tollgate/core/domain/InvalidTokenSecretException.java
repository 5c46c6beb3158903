package io.tollgate.core.domain;

/** A token string from outside that is not of the accepted form. */
public final class InvalidTokenSecretException extends InvalidInputException {

  private static final long serialVersionUID = 1L;

  public InvalidTokenSecretException(String message) {
    super(message);
  }
}
