package io.tollgate.core.domain;

import java.util.Optional;

/**
 * Who performs a change: an authenticated token, or an out-of-band channel (first operator token,
 * the recovery listener, offline recovery, a token file). Recorded as created_by / updated_by, and
 * in the audit log with the request it came in, if any.
 *
 * @param tokenId the acting token, null for an out-of-band channel
 * @param label how the audit names the actor: {@code token 3 (ci)}, {@code bootstrap}, …
 * @param origin the request this actor acts through (HTTP), null outside a request
 */
public record Actor(TokenId tokenId, String label, RequestOrigin origin) {

  public static final Actor BOOTSTRAP = new Actor(null, "bootstrap");
  public static final Actor RECOVERY_LISTENER = new Actor(null, "recovery listener");
  public static final Actor OFFLINE_RECOVERY = new Actor(null, "offline recovery");
  public static final Actor TOKEN_FILE = new Actor(null, "admin token file");
  public static final Actor UNAUTHENTICATED = new Actor(null, "unauthenticated");

  public Actor {
    if (label == null || label.isBlank()) {
      throw new IllegalArgumentException("actor label is required");
    }
  }

  /** An actor outside any request. */
  public Actor(TokenId tokenId, String label) {
    this(tokenId, label, null);
  }

  public static Actor token(Token token) {
    return new Actor(token.id(), "token " + token.id() + " (" + token.name() + ")");
  }

  /** This actor, acting through the request {@code origin}. */
  public Actor withOrigin(RequestOrigin origin) {
    return new Actor(tokenId, label, origin);
  }

  /** This actor, outside any request. */
  public Actor withoutOrigin() {
    return origin == null ? this : new Actor(tokenId, label, null);
  }

  public Optional<TokenId> tokenIdOptional() {
    return Optional.ofNullable(tokenId);
  }

  public Optional<RequestOrigin> originOptional() {
    return Optional.ofNullable(origin);
  }
}
