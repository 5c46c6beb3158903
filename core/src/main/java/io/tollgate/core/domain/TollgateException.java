package io.tollgate.core.domain;

/**
 * The root of Tollgate's domain errors. Messages name the token or path concerned and never contain
 * a token string. Adapters translate each subtype at their edge.
 */
public abstract class TollgateException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  protected TollgateException(String message) {
    super(message);
  }

  protected TollgateException(String message, Throwable cause) {
    super(message, cause);
  }
}
