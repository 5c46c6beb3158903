package io.tollgate.core.port.in;

import io.tollgate.core.domain.Actor;
import io.tollgate.core.domain.Description;
import io.tollgate.core.domain.InvalidPermissionException;
import io.tollgate.core.domain.InvalidTokenNameException;
import io.tollgate.core.domain.IssuedToken;
import io.tollgate.core.domain.Lifetime;
import io.tollgate.core.domain.Permissions;
import io.tollgate.core.domain.TokenName;

/**
 * Creates a resource token: only what its permissions grant, never token management. It can be
 * described, made inactive and deleted like a named admin token, and never regenerated.
 */
public interface CreateResourceTokenUseCase {

  /** {@code description} may be null; {@code permissions} must not be {@code *:*:*}. */
  record CreateResourceTokenCommand(
      TokenName name,
      Permissions permissions,
      Lifetime lifetime,
      Description description,
      Actor actor) {
    public CreateResourceTokenCommand {
      if (name == null || permissions == null || lifetime == null || actor == null) {
        throw new IllegalArgumentException("name, permissions, lifetime and actor are required");
      }
      if (name.isOperator()) {
        throw new InvalidTokenNameException(
            "token name " + name.value() + " is reserved for the operator token");
      }
      if (permissions.isAdmin()) {
        throw new InvalidPermissionException(
            "resource type * is for admin tokens only: create a named admin token instead");
      }
    }
  }

  /**
   * @return the new token with its secret, shown this once
   * @throws io.tollgate.core.domain.InvalidPermissionException for a type, action or name the
   *     registered resource types do not have
   * @throws io.tollgate.core.domain.TokenNameAlreadyExistsException if the name is taken
   * @throws io.tollgate.core.domain.InvalidExpiryException if the expiry ends after year 9999
   * @throws io.tollgate.core.domain.ForbiddenException if the acting token is not an admin token
   * @throws io.tollgate.core.domain.NotAuthenticatedException if the acting token no longer exists
   *     or is no longer usable
   */
  IssuedToken createResourceToken(CreateResourceTokenCommand command);
}
