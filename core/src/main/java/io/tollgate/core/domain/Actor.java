package io.tollgate.core.domain;

import java.util.Optional;

/**
 * Who performs a change: an authenticated token, or an out-of-band channel (first operator token,
 * the recovery listener, offline recovery, a token file). Recorded as created_by / updated_by.
 */
public record Actor(TokenId tokenId, String label) {

  public static final Actor BOOTSTRAP = new Actor(null, "unauthenticated bootstrap");
  public static final Actor RECOVERY_LISTENER = new Actor(null, "recovery listener");
  public static final Actor OFFLINE_RECOVERY = new Actor(null, "offline recovery");
  public static final Actor TOKEN_FILE = new Actor(null, "admin token file");
  public static final Actor UNAUTHENTICATED = new Actor(null, "unauthenticated");

  public Actor {
    if (label == null || label.isBlank()) {
      throw new IllegalArgumentException("actor label is required");
    }
  }

  public static Actor token(Token token) {
    return new Actor(token.id(), "token " + token.id() + " (" + token.name() + ")");
  }

  public Optional<TokenId> tokenIdOptional() {
    return Optional.ofNullable(tokenId);
  }
}
