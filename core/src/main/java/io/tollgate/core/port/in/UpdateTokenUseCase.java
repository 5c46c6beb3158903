package io.tollgate.core.port.in;

import io.tollgate.core.domain.Actor;
import io.tollgate.core.domain.Description;
import io.tollgate.core.domain.Token;
import io.tollgate.core.domain.TokenName;
import io.tollgate.core.domain.TokenStatus;
import java.util.Optional;

/** Changes a named token's description and status, and nothing else, in one step. */
public interface UpdateTokenUseCase {

  /** An empty optional leaves that field as it is. */
  record UpdateTokenCommand(
      TokenName name,
      Optional<Description> description,
      Optional<TokenStatus> status,
      Actor actor) {
    public UpdateTokenCommand {
      if (name == null || description == null || status == null || actor == null) {
        throw new IllegalArgumentException("name, description, status and actor are required");
      }
    }
  }

  /**
   * @return the token as it is after the change
   * @throws io.tollgate.core.domain.OperatorTokenImmutableException for {@code _admin}, asked by
   *     {@code _admin} itself or an out-of-band actor
   * @throws io.tollgate.core.domain.ForbiddenException if the acting token is a resource token, or
   *     a named admin token asking about {@code _admin}
   * @throws io.tollgate.core.domain.NotAuthenticatedException if the acting token no longer exists
   *     or is no longer usable
   * @throws io.tollgate.core.domain.TokenNotFoundException if no token has that name
   */
  Token updateToken(UpdateTokenCommand command);
}
