package io.tollgate.core.port.in;

import io.tollgate.core.domain.Actor;
import io.tollgate.core.domain.Token;
import io.tollgate.core.domain.TokenName;

/**
 * Deletes a named admin or resource token (an admin token may delete itself). The operator token is
 * never deleted.
 */
public interface DeleteTokenUseCase {

  /**
   * @return the token that was deleted
   * @throws io.tollgate.core.domain.OperatorTokenImmutableException for {@code _admin}, asked by
   *     {@code _admin} itself or an out-of-band actor
   * @throws io.tollgate.core.domain.ForbiddenException if the acting token is a resource token, or
   *     a named admin token asking about {@code _admin}
   * @throws io.tollgate.core.domain.NotAuthenticatedException if the acting token no longer exists
   *     or is no longer usable
   * @throws io.tollgate.core.domain.TokenNotFoundException if no token has that name
   */
  Token deleteToken(TokenName name, Actor actor);
}
