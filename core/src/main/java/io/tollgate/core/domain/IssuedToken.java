package io.tollgate.core.domain;

/**
 * A token together with its plaintext secret: returned once, by create and regenerate, and never
 * again. {@link #toString()} does not reveal the secret.
 */
public record IssuedToken(Token token, TokenSecret secret) {

  @Override
  public String toString() {
    return "IssuedToken[id=" + token.id() + ", name=" + token.name() + ", secret=redacted]";
  }
}
