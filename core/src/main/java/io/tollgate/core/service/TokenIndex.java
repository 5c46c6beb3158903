package io.tollgate.core.service;

import io.tollgate.core.domain.Token;
import io.tollgate.core.domain.TokenHash;
import io.tollgate.core.domain.TokenId;
import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The in-memory mirror of committed tokens, keyed by hash (what authentication reads, without
 * locking or allocating) and by id (what a change applies to). Only {@link TokenService} writes to
 * it, under its write lock, and only after a write has committed.
 */
final class TokenIndex {

  private final ConcurrentHashMap<TokenHash, Token> byHash;
  private final ConcurrentHashMap<TokenId, Token> byId;

  TokenIndex(Collection<Token> committed) {
    int capacity = Math.max(16, committed.size() * 2);
    byHash = new ConcurrentHashMap<>(capacity);
    byId = new ConcurrentHashMap<>(capacity);
    committed.forEach(this::put);
  }

  Token find(TokenHash hash) {
    return byHash.get(hash);
  }

  Token findById(TokenId id) {
    return byId.get(id);
  }

  /** Adds {@code token}, or replaces the token of that id (whose old hash stops authenticating). */
  void put(Token token) {
    Token previous = byId.put(token.id(), token);
    if (previous != null && !previous.hash().equals(token.hash())) {
      byHash.remove(previous.hash(), previous);
    }
    byHash.put(token.hash(), token);
  }

  /** Removes the token of that id, if any. */
  void remove(TokenId id) {
    Token previous = byId.remove(id);
    if (previous != null) {
      byHash.remove(previous.hash(), previous);
    }
  }

  int size() {
    return byHash.size();
  }
}
