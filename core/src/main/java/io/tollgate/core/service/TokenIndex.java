package io.tollgate.core.service;

import io.tollgate.core.domain.Token;
import io.tollgate.core.domain.TokenHash;
import io.tollgate.core.port.in.ServiceStatusUseCase.TokenCounts;
import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The in-memory mirror of committed tokens, keyed by hash, that authentication reads without
 * touching storage. Only {@link TokenService} writes to it, and only after a write has committed.
 * It keeps a count of its tokens by kind, so that {@code /metrics} never walks a million tokens.
 */
final class TokenIndex {
  private static final int OPERATOR = 0;
  private static final int ADMIN = 1;
  private static final int RESOURCE = 2;

  private final ConcurrentHashMap<TokenHash, Token> byHash;
  private final AtomicLongArray countsByKind = new AtomicLongArray(3);

  TokenIndex(Collection<Token> committed) {
    byHash = new ConcurrentHashMap<>(Math.max(16, committed.size() * 2));
    committed.forEach(this::put);
  }

  Token find(TokenHash hash) {
    return byHash.get(hash);
  }

  void put(Token token) {
    Token previous = byHash.put(token.hash(), token);
    uncount(previous);
    count(token, 1);
  }

  void replace(Token previous, Token current) {
    if (!previous.hash().equals(current.hash())) {
      uncount(byHash.remove(previous.hash()));
    }
    uncount(byHash.put(current.hash(), current));
    count(current, 1);
  }

  void remove(Token token) {
    uncount(byHash.remove(token.hash()));
  }

  int size() {
    return byHash.size();
  }

  TokenCounts counts() {
    return new TokenCounts(
        countsByKind.get(OPERATOR), countsByKind.get(ADMIN), countsByKind.get(RESOURCE));
  }

  private void uncount(Token removed) {
    if (removed != null) {
      count(removed, -1);
    }
  }

  private void count(Token token, int delta) {
    int kind = token.isOperator() ? OPERATOR : token.isAdmin() ? ADMIN : RESOURCE;
    countsByKind.addAndGet(kind, delta);
  }
}
