package io.tollgate.core.domain;

/**
 * A permission, a token's set of permissions or a resource-type declaration that breaks a rule:
 * malformed text, an unknown type or action, a mixed wildcard, too many of them. Nothing was
 * changed.
 */
public final class InvalidPermissionException extends InvalidInputException {

  private static final long serialVersionUID = 1L;

  public InvalidPermissionException(String message) {
    super(message);
  }
}
