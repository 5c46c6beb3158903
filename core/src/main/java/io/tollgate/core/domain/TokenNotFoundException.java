package io.tollgate.core.domain;

/** No token has that name. */
public final class TokenNotFoundException extends TollgateException {

  private static final long serialVersionUID = 1L;
  private final String tokenName;

  public TokenNotFoundException(TokenName name) {
    super("the requested resource was not found: " + name.value());
    this.tokenName = name.value();
  }

  public String tokenName() {
    return tokenName;
  }
}
