package io.tollgate.core.domain;

import java.util.Optional;

/**
 * Who performs a change: an authenticated token, or an out-of-band channel (first operator token,
 * the recovery listener, offline recovery, a token file). Recorded as created_by / updated_by, and
 * in the audit log with the request it came in, if any.
 *
 * <p>An actor made from an authenticated token ({@link #token(Token)}) also carries the hash of the
 * secret it was authenticated with: a change is then refused when the store holds another hash for
 * that token (regenerated on another node that this one has not heard from yet), not only when the
 * token is gone or unusable. {@link #toString()} leaves the hash out.
 *
 * @param tokenId the acting token, null for an out-of-band channel
 * @param label how the audit names the actor: {@code token 3 (ci)}, {@code bootstrap}, …
 * @param origin the request this actor acts through (HTTP), null outside a request
 * @param secretHash the hash of the secret the acting token was authenticated with; null when not
 *     known (an actor named by id only, an out-of-band channel, one read back from the audit)
 */
public record Actor(TokenId tokenId, String label, RequestOrigin origin, TokenHash secretHash) {

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

  /** An actor whose secret's hash is not known. */
  public Actor(TokenId tokenId, String label, RequestOrigin origin) {
    this(tokenId, label, origin, null);
  }

  /** An actor outside any request, whose secret's hash is not known. */
  public Actor(TokenId tokenId, String label) {
    this(tokenId, label, null, null);
  }

  /** The authenticated {@code token}, acting with the secret its {@link Token#hash()} is of. */
  public static Actor token(Token token) {
    return new Actor(
        token.id(), "token " + token.id() + " (" + token.name() + ")", null, token.hash());
  }

  /** This actor, acting through the request {@code origin}. */
  public Actor withOrigin(RequestOrigin origin) {
    return new Actor(tokenId, label, origin, secretHash);
  }

  /** This actor, outside any request. */
  public Actor withoutOrigin() {
    return origin == null ? this : new Actor(tokenId, label, null, secretHash);
  }

  /**
   * Whether {@code stored}, the acting token as the store holds it, still has the secret this actor
   * was authenticated with; true when that secret's hash is not known.
   */
  public boolean presentedSecretOf(Token stored) {
    return secretHash == null || secretHash.equals(stored.hash());
  }

  @Override
  public String toString() {
    return "Actor[tokenId=" + tokenId + ", label=" + label + ", origin=" + origin + "]";
  }

  public Optional<TokenId> tokenIdOptional() {
    return Optional.ofNullable(tokenId);
  }

  public Optional<RequestOrigin> originOptional() {
    return Optional.ofNullable(origin);
  }
}
