package io.tollgate.core.domain;

/**
 * The credential that authorised a change was no longer valid when the change was made: for
 * example, a concurrent regeneration already replaced it.
 */
public final class NotAuthenticatedException extends TollgateException {

  private static final long serialVersionUID = 1L;

  public NotAuthenticatedException() {
    super("the request was not authenticated");
  }
}
