package io.tollgate.core.port.in;

import io.tollgate.core.domain.IssuedToken;
import io.tollgate.core.domain.RequestOrigin;

/** Creates the operator token {@code _admin}, once. */
public interface CreateOperatorTokenUseCase {

  /**
   * @return the operator token with its secret, shown this once
   * @throws io.tollgate.core.domain.TokenNameAlreadyExistsException if {@code _admin} exists
   */
  IssuedToken createOperatorToken();

  /**
   * As {@link #createOperatorToken()}, recording {@code origin} (the request) in the audit entry.
   * Implementations that keep no audit may ignore it.
   */
  default IssuedToken createOperatorToken(RequestOrigin origin) {
    return createOperatorToken();
  }
}
