package io.tollgate.core.domain;

import java.time.Instant;

/** A token about to be stored; the repository allocates its id. {@code createdBy} may be null. */
public record NewToken(
    TokenName name,
    TokenHash hash,
    Instant createdAt,
    TokenId createdBy,
    Expiry expiry,
    Description description) {

  public Token withId(TokenId id) {
    return new Token(
        id,
        name,
        hash,
        createdAt,
        createdBy,
        null,
        null,
        expiry,
        description,
        TokenStatus.ACTIVE,
        Token.ADMIN_PERMISSIONS);
  }
}
