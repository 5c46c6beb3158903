package io.tollgate.core.domain;

/** The operator token cannot be deleted or edited; it can only be regenerated. */
public final class OperatorTokenImmutableException extends TollgateException {

  private static final long serialVersionUID = 1L;

  private OperatorTokenImmutableException(String message) {
    super(message);
  }

  public static OperatorTokenImmutableException cannotDelete() {
    return new OperatorTokenImmutableException("cannot delete operator token");
  }

  public static OperatorTokenImmutableException cannotEdit() {
    return new OperatorTokenImmutableException("cannot edit operator token");
  }
}
