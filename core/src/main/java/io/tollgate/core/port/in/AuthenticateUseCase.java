package io.tollgate.core.port.in;

import io.tollgate.core.domain.AuthenticationResult;

/**
 * Checks a presented token string against the in-memory index: one SHA-512 and one hash lookup.
 * Never throws for a bad token and never touches storage.
 */
public interface AuthenticateUseCase {

  /** {@code presented} may be anything, including null or empty: those are simply unknown. */
  AuthenticationResult authenticate(String presented);
}
