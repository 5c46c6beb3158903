package io.tollgate.core.domain;

/** A recovery code was required and the one presented was missing or wrong. */
public final class RecoveryCodeRejectedException extends TollgateException {

  private static final long serialVersionUID = 1L;

  public RecoveryCodeRejectedException() {
    super("the request was not authenticated");
  }
}
