package io.tollgate.core.domain;

/**
 * The one decision on a presented token and a required {@link Permission}, as a value: {@link
 * Allowed} with the token, {@link Unauthenticated} (missing, unknown, inactive or expired: 401), or
 * {@link Forbidden} (a valid token whose permissions do not grant it: 403).
 */
public sealed interface AuthorizationResult
    permits AuthorizationResult.Allowed,
        AuthorizationResult.Unauthenticated,
        AuthorizationResult.Forbidden {

  AuthorizationResult UNKNOWN = new Unauthenticated(AuthenticationResult.UNKNOWN);

  boolean isAllowed();

  /** The token that was allowed; throws when the result is a refusal. */
  Token token();

  /** A short outcome label for metrics: authenticated (allowed), unknown, expired or forbidden. */
  String outcome();

  record Allowed(Token token) implements AuthorizationResult {
    @Override
    public boolean isAllowed() {
      return true;
    }

    @Override
    public String outcome() {
      return "authenticated";
    }
  }

  /** The token string did not authenticate; {@code authentication} says how (unknown, expired). */
  record Unauthenticated(AuthenticationResult authentication) implements AuthorizationResult {
    public Unauthenticated {
      if (authentication == null || authentication.isAuthenticated()) {
        throw new IllegalArgumentException("an unauthenticated result needs a rejection");
      }
    }

    @Override
    public boolean isAllowed() {
      return false;
    }

    @Override
    public Token token() {
      throw new IllegalStateException("not authenticated");
    }

    @Override
    public String outcome() {
      return authentication.outcome();
    }
  }

  /** A valid token that lacks the permission; {@code deniedToken} for logs and audit. */
  record Forbidden(Token deniedToken) implements AuthorizationResult {
    @Override
    public boolean isAllowed() {
      return false;
    }

    @Override
    public Token token() {
      throw new IllegalStateException("forbidden: " + ForbiddenException.MESSAGE);
    }

    @Override
    public String outcome() {
      return "forbidden";
    }
  }
}
