package io.tollgate.core.domain;

import java.time.Instant;

/**
 * A token about to be stored; the repository allocates its id. {@code createdBy} and {@code
 * description} may be null.
 */
public record NewToken(
    TokenName name,
    TokenHash hash,
    Instant createdAt,
    TokenId createdBy,
    Expiry expiry,
    Description description,
    Permissions permissions) {

  public NewToken {
    if (permissions == null) {
      throw new IllegalArgumentException("token permissions are required");
    }
  }

  /** An admin token ({@code *:*:*}). */
  public NewToken(
      TokenName name,
      TokenHash hash,
      Instant createdAt,
      TokenId createdBy,
      Expiry expiry,
      Description description) {
    this(name, hash, createdAt, createdBy, expiry, description, Permissions.ADMIN);
  }

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
        permissions);
  }
}
