package io.tollgate.core.domain;

/** A description longer than 1,024 characters or with control characters. */
public final class InvalidDescriptionException extends InvalidInputException {

  private static final long serialVersionUID = 1L;

  public InvalidDescriptionException(String message) {
    super(message);
  }
}
