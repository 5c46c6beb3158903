package io.tollgate.core.port.out;

import io.tollgate.core.domain.TokenSecret;

/** Makes new token strings. Must be thread-safe and cryptographically strong. */
public interface SecretGenerator {

  TokenSecret generate();
}
