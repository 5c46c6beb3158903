package io.tollgate.core.service;

import io.tollgate.core.domain.Token;
import io.tollgate.core.domain.TokenHash;
import io.tollgate.core.domain.TokenId;
import io.tollgate.core.port.in.ServiceStatusUseCase.TokenCounts;
import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The in-memory mirror of committed tokens, keyed by hash (what authentication reads, without
 * locking or allocating) and by id (what a change applies to). Only {@link TokenService} writes to
 * it, under its write lock, and only after a write has committed. It keeps a count of its tokens by
 * kind, so that {@code /metrics} never walks a million tokens.
 */
final class TokenIndex {
  private static final int OPERATOR = 0;
  private static final int ADMIN = 1;
  private static final int RESOURCE = 2;

  private final ConcurrentHashMap<TokenHash, Token> byHash;
  private final ConcurrentHashMap<TokenId, Token> byId;
  private final AtomicLongArray countsByKind = new AtomicLongArray(3);

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
    if (previous != null) {
      if (!previous.hash().equals(token.hash())) {
        byHash.remove(previous.hash(), previous);
      }
      count(previous, -1);
    }
    byHash.put(token.hash(), token);
    count(token, 1);
  }

  /** Removes the token of that id, if any. */
  void remove(TokenId id) {
    Token previous = byId.remove(id);
    if (previous != null) {
      byHash.remove(previous.hash(), previous);
      count(previous, -1);
    }
  }

  int size() {
    return byHash.size();
  }

  TokenCounts counts() {
    return new TokenCounts(
        countsByKind.get(OPERATOR), countsByKind.get(ADMIN), countsByKind.get(RESOURCE));
  }

  private void count(Token token, int delta) {
    int kind = token.isOperator() ? OPERATOR : token.isAdmin() ? ADMIN : RESOURCE;
    countsByKind.addAndGet(kind, delta);
  }
}
