package io.tollgate.core.port.in;

import io.tollgate.core.domain.Actor;
import io.tollgate.core.domain.IssuedToken;
import io.tollgate.core.domain.RequestOrigin;
import io.tollgate.core.domain.TokenSecret;

/**
 * Replaces the operator token's secret in place: same id, name, created_at and expiry. The previous
 * secret is refused from the moment the call returns.
 */
public interface RegenerateOperatorTokenUseCase {

  /**
   * Regenerates on the authority of the current operator secret. The check of {@code authorisedBy}
   * and the update are one atomic step: of two calls with the same old operator secret, one
   * succeeds.
   *
   * @throws io.tollgate.core.domain.NotAuthenticatedException if {@code authorisedBy} is not a
   *     valid token at the moment of the update
   * @throws io.tollgate.core.domain.ForbiddenException if it is a valid token but not {@code
   *     _admin} (a named admin token or a resource token)
   * @throws io.tollgate.core.domain.OperatorTokenMissingException if there is no {@code _admin}
   */
  IssuedToken regenerateOperatorToken(TokenSecret authorisedBy);

  /**
   * As {@link #regenerateOperatorToken(TokenSecret)}, recording {@code origin} (the request) in the
   * audit entry. Implementations that keep no audit may ignore it.
   */
  default IssuedToken regenerateOperatorToken(TokenSecret authorisedBy, RequestOrigin origin) {
    return regenerateOperatorToken(authorisedBy);
  }

  /**
   * Regenerates on an out-of-band authority (recovery listener, offline recovery); {@code actor} is
   * recorded as the updater.
   *
   * @throws io.tollgate.core.domain.OperatorTokenMissingException if there is no {@code _admin}
   */
  IssuedToken regenerateOperatorTokenOutOfBand(Actor actor);
}
