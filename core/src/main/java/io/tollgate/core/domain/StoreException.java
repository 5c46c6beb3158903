package io.tollgate.core.domain;

/**
 * A technical failure of the token store (disk full, read-only, corrupt, locked by another
 * process). The change was not made. The message names the store's location.
 */
public class StoreException extends TollgateException {

  private static final long serialVersionUID = 1L;

  public StoreException(String message) {
    super(message);
  }

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
