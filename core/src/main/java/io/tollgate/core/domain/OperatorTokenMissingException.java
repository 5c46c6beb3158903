package io.tollgate.core.domain;

/** Regeneration was asked for while no operator token exists. */
public final class OperatorTokenMissingException extends TollgateException {

  private static final long serialVersionUID = 1L;

  public OperatorTokenMissingException() {
    super("missing admin token, cannot update");
  }
}
