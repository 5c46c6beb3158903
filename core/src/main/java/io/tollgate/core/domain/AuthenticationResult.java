package io.tollgate.core.domain;

/**
 * The outcome of presenting a token string. A rejection is a value, not an exception: {@link
 * Unknown} for a string that matches no token (or an inactive one), {@link Expired} for a token
 * past its expiry.
 */
public sealed interface AuthenticationResult
    permits AuthenticationResult.Authenticated,
        AuthenticationResult.Unknown,
        AuthenticationResult.Expired {

  AuthenticationResult UNKNOWN = new Unknown();

  boolean isAuthenticated();

  /** The token that authenticated; throws when the result is a rejection. */
  Token token();

  /** A short outcome label for metrics: authenticated, unknown or expired. */
  String outcome();

  record Authenticated(Token token) implements AuthenticationResult {
    @Override
    public boolean isAuthenticated() {
      return true;
    }

    @Override
    public String outcome() {
      return "authenticated";
    }
  }

  record Unknown() implements AuthenticationResult {
    @Override
    public boolean isAuthenticated() {
      return false;
    }

    @Override
    public Token token() {
      throw new IllegalStateException("not authenticated");
    }

    @Override
    public String outcome() {
      return "unknown";
    }
  }

  record Expired(Token expiredToken) implements AuthenticationResult {
    @Override
    public boolean isAuthenticated() {
      return false;
    }

    @Override
    public Token token() {
      throw new IllegalStateException("not authenticated: token expired");
    }

    @Override
    public String outcome() {
      return "expired";
    }
  }
}
