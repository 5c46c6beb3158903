package io.tollgate.core.port.out;

import io.tollgate.core.domain.TokenHash;

/** Turns a token string into the digest that is stored and looked up. Must be thread-safe. */
public interface TokenHasher {

  TokenHash hash(String tokenString);
}
