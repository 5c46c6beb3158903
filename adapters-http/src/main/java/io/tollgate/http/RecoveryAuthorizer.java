package io.tollgate.http;

import io.javalin.http.Context;

/**
 * Decides whether a request to the recovery listener may regenerate the operator token. The default
 * asks for nothing: reaching the listener is the authority. A later feature checks a recovery code
 * here.
 */
@FunctionalInterface
interface RecoveryAuthorizer {
  /** Reaching the listener is enough. */
  RecoveryAuthorizer NO_CODE_REQUIRED = ctx -> {};

  /**
   * Returns normally to allow the regeneration.
   *
   * @throws HttpFailure with the status and body to refuse with; nothing is changed
   */
  void authorize(Context ctx);
}
