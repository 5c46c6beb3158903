package io.tollgate.core.port.in;

import io.tollgate.core.domain.Actor;
import io.tollgate.core.domain.Description;
import io.tollgate.core.domain.IssuedToken;
import io.tollgate.core.domain.Lifetime;
import io.tollgate.core.domain.TokenName;

/** Creates a named admin token with full admin powers and an optional expiry. */
public interface CreateNamedAdminTokenUseCase {

  /** {@code description} may be null. */
  record CreateNamedAdminTokenCommand(
      TokenName name, Lifetime lifetime, Description description, Actor actor) {
    public CreateNamedAdminTokenCommand {
      if (name == null || lifetime == null || actor == null) {
        throw new IllegalArgumentException("name, lifetime and actor are required");
      }
      if (name.isOperator()) {
        throw new io.tollgate.core.domain.InvalidTokenNameException(
            "token name " + name.value() + " is reserved for the operator token");
      }
    }
  }

  /**
   * @return the new token with its secret, shown this once
   * @throws io.tollgate.core.domain.TokenNameAlreadyExistsException if the name is taken
   * @throws io.tollgate.core.domain.InvalidExpiryException if the expiry ends after year 9999
   * @throws io.tollgate.core.domain.ForbiddenException if the acting token is not an admin token
   */
  IssuedToken createNamedAdminToken(CreateNamedAdminTokenCommand command);
}
