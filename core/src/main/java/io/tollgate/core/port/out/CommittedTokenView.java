package io.tollgate.core.port.out;

import io.tollgate.core.domain.Description;
import io.tollgate.core.domain.NewToken;
import io.tollgate.core.domain.Token;
import io.tollgate.core.domain.TokenHash;
import io.tollgate.core.domain.TokenId;
import io.tollgate.core.domain.TokenName;
import io.tollgate.core.domain.TokenStatus;
import java.time.Instant;
import java.util.Optional;

/**
 * The writes of a store's committed view ({@link TokenStore#tokens()}), the same for every store:
 * each is a unit of work of its own through {@link TokenStore#inTransaction}, with no audit line. A
 * store's subclass gives the reads, which see committed state.
 */
public abstract class CommittedTokenView implements TokenRepository {

  private final TokenStore store;

  protected CommittedTokenView(TokenStore store) {
    this.store = store;
  }

  @Override
  public final Token insert(NewToken token) {
    return store.inTransaction(tx -> tx.tokens().insert(token));
  }

  @Override
  public final Token insertImported(NewToken token) {
    return store.inTransaction(tx -> tx.tokens().insertImported(token));
  }

  @Override
  public final Optional<Token> replaceHash(
      TokenId id, TokenHash expected, TokenHash replacement, Instant updatedAt, TokenId updatedBy) {
    return store.inTransaction(
        tx -> tx.tokens().replaceHash(id, expected, replacement, updatedAt, updatedBy));
  }

  @Override
  public final Optional<Token> updateDetails(
      TokenName name,
      Description description,
      TokenStatus status,
      Instant updatedAt,
      TokenId updatedBy) {
    return store.inTransaction(
        tx -> tx.tokens().updateDetails(name, description, status, updatedAt, updatedBy));
  }

  @Override
  public final Optional<Token> deleteByName(TokenName name) {
    return store.inTransaction(tx -> tx.tokens().deleteByName(name));
  }
}
