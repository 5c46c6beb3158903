package io.tollgate.core.port.in;

import io.tollgate.core.domain.IssuedToken;

/** Creates the operator token {@code _admin}, once. */
public interface CreateOperatorTokenUseCase {

  /**
   * @return the operator token with its secret, shown this once
   * @throws io.tollgate.core.domain.TokenNameAlreadyExistsException if {@code _admin} exists
   */
  IssuedToken createOperatorToken();
}
