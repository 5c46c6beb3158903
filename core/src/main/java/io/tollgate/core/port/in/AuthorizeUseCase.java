package io.tollgate.core.port.in;

import io.tollgate.core.domain.AuthorizationResult;
import io.tollgate.core.domain.Permission;

/**
 * The one access decision: does a presented token string hold a required permission? Never throws
 * for a bad token, never touches storage, allocates nothing beyond what authentication does.
 */
public interface AuthorizeUseCase {

  /**
   * @param presented anything, including null or empty (those are unauthenticated)
   * @param required a value built once, e.g. {@code Permission.required("system", "ping", "read")};
   *     {@link Permission#ADMIN} for token management
   * @return allowed (with the token), unauthenticated (401) or forbidden (403)
   */
  AuthorizationResult authorize(String presented, Permission required);
}
