package io.tollgate.core.port.in;

import io.tollgate.core.domain.Expiry;
import io.tollgate.core.domain.Token;
import io.tollgate.core.domain.TokenName;
import io.tollgate.core.domain.TokenSecret;
import java.util.Optional;

/**
 * Stores a token whose secret was made elsewhere (an offline token file), hashed, unless a token of
 * that name exists already.
 */
public interface ImportTokenUseCase {

  /**
   * @return the stored token, or empty when a token of that name (or that secret) exists already
   * @throws io.tollgate.core.domain.InvalidExpiryException for an expiring operator token
   */
  Optional<Token> importToken(TokenName name, TokenSecret secret, Expiry expiry);
}
