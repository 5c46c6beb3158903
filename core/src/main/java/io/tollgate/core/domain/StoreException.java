package io.tollgate.core.domain;

/**
 * A technical failure of the token store (disk full, read-only, corrupt, locked by another
 * process). The change was not made. The message names the store's location, for the operator and
 * the server log; {@link #condition()} says what happened without naming any path, for clients.
 */
public class StoreException extends TollgateException {

  /** The condition of a failure that did not name one. */
  public static final String UNSPECIFIED_CONDITION = "the token store failed";

  private static final long serialVersionUID = 1L;

  private final String condition;

  /**
   * @param message the failure in full, naming the store's location (for the operator and logs)
   */
  public StoreException(String message) {
    this(UNSPECIFIED_CONDITION, message, null);
  }

  /**
   * @param message the failure in full, naming the store's location (for the operator and logs)
   * @param cause what the store's driver threw
   */
  public StoreException(String message, Throwable cause) {
    this(UNSPECIFIED_CONDITION, message, cause);
  }

  /**
   * @param condition what happened, safe to tell a client: no path, no SQL, no stored value, such
   *     as {@code the token store's disk is full}
   * @param message the failure in full, naming the store's location (for the operator and logs)
   * @param cause what the store's driver threw, or null
   */
  public StoreException(String condition, String message, Throwable cause) {
    super(message, cause);
    this.condition = condition == null || condition.isBlank() ? UNSPECIFIED_CONDITION : condition;
  }

  /** What happened, in words a client may see: never a path, SQL or stored value. */
  public String condition() {
    return condition;
  }
}
