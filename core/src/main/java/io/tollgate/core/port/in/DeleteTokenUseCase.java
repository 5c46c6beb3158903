package io.tollgate.core.port.in;

import io.tollgate.core.domain.Actor;
import io.tollgate.core.domain.Token;
import io.tollgate.core.domain.TokenName;

/** Deletes a named admin token (a token may delete itself). The operator token is never deleted. */
public interface DeleteTokenUseCase {

  /**
   * @return the token that was deleted
   * @throws io.tollgate.core.domain.OperatorTokenImmutableException for {@code _admin}
   * @throws io.tollgate.core.domain.TokenNotFoundException if no token has that name
   */
  Token deleteToken(TokenName name, Actor actor);
}
