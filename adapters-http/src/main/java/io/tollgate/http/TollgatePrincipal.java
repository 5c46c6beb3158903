package io.tollgate.http;

/**
 * The admin token that authenticated a request, as {@link TollgateJavalin#principal} hands it to
 * your handlers: its id and name, never its secret or hash.
 *
 * @param id the token's id (the operator token {@code _admin} is usually 0)
 * @param name the token's name, such as {@code _admin} or {@code ci}
 */
public record TollgatePrincipal(long id, String name) {

  /** The operator token's name. */
  public static final String OPERATOR_NAME = "_admin";

  /**
   * @return true if the request was authenticated by the operator token {@code _admin}
   */
  public boolean isOperator() {
    return OPERATOR_NAME.equals(name);
  }
}
