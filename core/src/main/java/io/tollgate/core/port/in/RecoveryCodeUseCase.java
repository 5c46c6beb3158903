package io.tollgate.core.port.in;

import io.tollgate.core.domain.Actor;
import io.tollgate.core.domain.ForbiddenException;
import io.tollgate.core.domain.IssuedToken;
import io.tollgate.core.domain.RecoveryCode;
import io.tollgate.core.domain.RequestOrigin;
import io.tollgate.core.domain.Token;

/**
 * A one-time recovery code, written on paper, that the recovery listener demands while one exists.
 */
public interface RecoveryCodeUseCase {

  /**
   * Issues a new code, replacing any earlier one. Only its Argon2id hash is stored; the returned
   * code is shown once and should be wiped by the caller after display. An actor with a token must
   * be {@code _admin}, usable as the store holds it when the code is stored; an actor without one
   * is an out-of-band channel the caller vouches for.
   *
   * @throws io.tollgate.core.domain.NotAuthenticatedException if the acting token is gone or not
   *     usable
   * @throws io.tollgate.core.domain.ForbiddenException if it is another token than {@code _admin}
   */
  RecoveryCode issueRecoveryCode(Actor actor);

  /**
   * Issues a new code on the authority of an authenticated token. A recovery code regenerates
   * {@code _admin}, so only the operator token may issue one: a named admin token could otherwise
   * take over the operator token through the recovery listener.
   *
   * @param acting the token that authenticated the request
   * @throws io.tollgate.core.domain.ForbiddenException if {@code acting} is not {@code _admin}
   */
  default RecoveryCode issueRecoveryCodeAs(Token acting) {
    return issueRecoveryCodeAs(acting, null);
  }

  /**
   * As {@link #issueRecoveryCodeAs(Token)}, recording {@code origin} (the request, null for none)
   * in the audit entry.
   */
  default RecoveryCode issueRecoveryCodeAs(Token acting, RequestOrigin origin) {
    if (!acting.isOperator()) {
      throw new ForbiddenException();
    }
    return issueRecoveryCode(Actor.token(acting).withOrigin(origin));
  }

  /** True while a code exists, so the recovery listener must demand it. */
  boolean recoveryCodeRequired();

  /**
   * Regenerates the operator token through the recovery listener. When a code exists, {@code
   * presented} must match it and is spent on success; without one, {@code presented} is ignored. At
   * most five attempts a minute are checked.
   *
   * @param presented what the caller sent, possibly null; never logged, not retained
   * @throws io.tollgate.core.domain.RecoveryCodeRejectedException for a missing or wrong code
   * @throws io.tollgate.core.domain.TooManyAttemptsException past five attempts in a minute
   * @throws io.tollgate.core.domain.OperatorTokenMissingException if there is no {@code _admin}
   */
  IssuedToken regenerateWithRecoveryCode(String presented);
}
