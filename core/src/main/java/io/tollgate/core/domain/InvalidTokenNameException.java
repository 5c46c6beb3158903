package io.tollgate.core.domain;

/**
 * A token name that is empty, too long, has control characters, is only whitespace, or is reserved.
 */
public final class InvalidTokenNameException extends InvalidInputException {

  private static final long serialVersionUID = 1L;

  public InvalidTokenNameException(String message) {
    super(message);
  }
}
