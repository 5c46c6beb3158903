package io.tollgate.core.domain;

/** Input that breaks a domain rule; nothing was changed. */
public abstract class InvalidInputException extends TollgateException {

  private static final long serialVersionUID = 1L;

  protected InvalidInputException(String message) {
    super(message);
  }
}
