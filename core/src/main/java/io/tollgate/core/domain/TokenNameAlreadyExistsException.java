package io.tollgate.core.domain;

/** A token with that name exists already (for {@code _admin}: the operator token was created). */
public final class TokenNameAlreadyExistsException extends TollgateException {

  private static final long serialVersionUID = 1L;
  private final String tokenName;

  public TokenNameAlreadyExistsException(TokenName name) {
    super("token name already exists, " + name.value());
    this.tokenName = name.value();
  }

  public String tokenName() {
    return tokenName;
  }
}
