package io.tollgate.postgres;

import io.tollgate.core.domain.Token;
import io.tollgate.core.domain.TokenHash;
import io.tollgate.core.domain.TokenId;
import io.tollgate.core.domain.TokenName;
import io.tollgate.core.port.out.CommittedTokenView;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The committed tokens of a {@link PostgresStore}: each read on a pooled connection in auto-commit
 * (its own snapshot), each write a transaction of its own through {@link
 * PostgresStore#inTransaction}, so it commits with its change-log row or not at all.
 */
final class CommittedTokens extends CommittedTokenView {

  private final PostgresStore store;

  CommittedTokens(PostgresStore store) {
    super(store);
    this.store = store;
  }

  @Override
  public boolean wasImported(TokenHash hash) {
    return store.read("cannot read the imported tokens", h -> TokenSql.wasImported(h, hash));
  }

  @Override
  public Optional<Token> findByName(TokenName name) {
    return store.read("cannot read token " + name, h -> TokenSql.findByName(h, name));
  }

  @Override
  public Optional<Token> findById(TokenId id) {
    return store.read("cannot read token " + id, h -> TokenSql.findById(h, id));
  }

  @Override
  public Optional<Token> findByHash(TokenHash hash) {
    return store.read("cannot look up a token by hash", h -> TokenSql.findByHash(h, hash));
  }

  /**
   * In a transaction of its own, so the driver streams the rows through a cursor (10,000 at a time)
   * instead of holding the whole result before the first token is made: a node's start-up reads
   * every token.
   */
  @Override
  public List<Token> findAll() {
    return store.read("cannot list tokens", handle -> handle.inTransaction(TokenSql::findAll));
  }

  @Override
  public UUID clusterId() {
    return store.clusterId();
  }
}
