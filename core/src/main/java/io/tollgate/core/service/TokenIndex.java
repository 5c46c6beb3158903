package io.tollgate.core.service;

import io.tollgate.core.domain.Token;
import io.tollgate.core.domain.TokenHash;
import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The in-memory mirror of committed tokens, keyed by hash, that authentication reads without
 * touching storage. Only {@link TokenService} writes to it, and only after a write has committed.
 */
final class TokenIndex {

  private final ConcurrentHashMap<TokenHash, Token> byHash;

  TokenIndex(Collection<Token> committed) {
    byHash = new ConcurrentHashMap<>(Math.max(16, committed.size() * 2));
    committed.forEach(this::put);
  }

  Token find(TokenHash hash) {
    return byHash.get(hash);
  }

  void put(Token token) {
    byHash.put(token.hash(), token);
  }

  void replace(Token previous, Token current) {
    if (!previous.hash().equals(current.hash())) {
      byHash.remove(previous.hash());
    }
    byHash.put(current.hash(), current);
  }

  void remove(Token token) {
    byHash.remove(token.hash());
  }

  int size() {
    return byHash.size();
  }
}
