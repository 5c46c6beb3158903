package io.tollgate.http;

import io.tollgate.core.domain.Actor;
import io.tollgate.core.domain.AuthenticationResult;
import io.tollgate.core.domain.AuthorizationResult;
import io.tollgate.core.domain.Expiry;
import io.tollgate.core.domain.IssuedToken;
import io.tollgate.core.domain.Permission;
import io.tollgate.core.domain.Permissions;
import io.tollgate.core.domain.RequestOrigin;
import io.tollgate.core.domain.StoreException;
import io.tollgate.core.domain.Token;
import io.tollgate.core.domain.TokenName;
import io.tollgate.core.domain.TokenSecret;
import io.tollgate.core.port.in.ImportTokenUseCase.ImportResult;
import io.tollgate.core.port.in.TokenAuthority;
import java.util.List;
import java.util.UUID;

/**
 * The real token service behind a fixed cluster id, with a switch that makes every write fail like
 * a broken store.
 */
final class TestAuthority implements TokenAuthority {
  static final UUID CLUSTER_ID = UUID.fromString("5f0c3d2e-7a1b-4c8d-9e6f-0123456789ab");

  static final String BROKEN_DETAIL =
      "the database /tmp/tollgate-test/tollgate.db cannot be written (SQLITE_READONLY)";

  private final TokenAuthority delegate;
  private volatile boolean storeBroken;
  private volatile boolean storeUnreadable;

  TestAuthority(TokenAuthority delegate) {
    this.delegate = delegate;
  }

  void breakStore() {
    storeBroken = true;
  }

  /** Every read of the store fails from now on, as an unreadable database would. */
  void makeStoreUnreadable() {
    storeUnreadable = true;
  }

  private void write() {
    if (storeBroken) {
      throw new StoreException(
          "the token store's database cannot be written",
          "cannot store token: " + BROKEN_DETAIL,
          null);
    }
  }

  @Override
  public IssuedToken createOperatorToken() {
    write();
    return delegate.createOperatorToken();
  }

  @Override
  public IssuedToken createOperatorToken(RequestOrigin origin) {
    write();
    return delegate.createOperatorToken(origin);
  }

  @Override
  public IssuedToken regenerateOperatorToken(TokenSecret authorisedBy) {
    write();
    return delegate.regenerateOperatorToken(authorisedBy);
  }

  @Override
  public IssuedToken regenerateOperatorToken(TokenSecret authorisedBy, RequestOrigin origin) {
    write();
    return delegate.regenerateOperatorToken(authorisedBy, origin);
  }

  @Override
  public IssuedToken regenerateOperatorTokenOutOfBand(Actor actor) {
    write();
    return delegate.regenerateOperatorTokenOutOfBand(actor);
  }

  @Override
  public IssuedToken createNamedAdminToken(CreateNamedAdminTokenCommand command) {
    write();
    return delegate.createNamedAdminToken(command);
  }

  @Override
  public Token deleteToken(TokenName name, Actor actor) {
    write();
    return delegate.deleteToken(name, actor);
  }

  @Override
  public IssuedToken createResourceToken(CreateResourceTokenCommand command) {
    write();
    return delegate.createResourceToken(command);
  }

  @Override
  public AuthorizationResult authorize(String presented, Permission required) {
    return delegate.authorize(presented, required);
  }

  @Override
  public List<Token> listTokens() {
    return delegate.listTokens();
  }

  @Override
  public AuthenticationResult authenticate(String presented) {
    return delegate.authenticate(presented);
  }

  @Override
  public ImportResult importToken(
      TokenName name, TokenSecret secret, Expiry expiry, Permissions permissions) {
    write();
    return delegate.importToken(name, secret, expiry, permissions);
  }

  @Override
  public Token updateToken(UpdateTokenCommand command) {
    write();
    return delegate.updateToken(command);
  }

  @Override
  public TokenCounts tokenCounts() {
    return delegate.tokenCounts();
  }

  @Override
  public StoreStatus checkStore() {
    if (storeUnreadable) {
      throw new StoreException(
          "the token store's database cannot be read",
          "cannot read: the database /tmp/tollgate-test/tollgate.db is corrupt (SQLITE_CORRUPT)",
          null);
    }
    return delegate.checkStore();
  }

  @Override
  public UUID clusterId() {
    return CLUSTER_ID;
  }
}
