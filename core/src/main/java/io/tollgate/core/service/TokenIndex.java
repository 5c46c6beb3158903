package io.tollgate.core.service;

import io.tollgate.core.domain.Token;
import io.tollgate.core.domain.TokenHash;
import io.tollgate.core.domain.TokenId;
import io.tollgate.core.port.in.ServiceStatusUseCase.TokenCounts;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The in-memory mirror of committed tokens, keyed by hash (what authentication reads, without
 * locking or allocating) and by id (what a change applies to), each an {@link EntryTable}. Only
 * {@link TokenService} writes to it, under its write lock, and only after a write has committed.
 * Each token's {@link Entry} also holds its {@link LastUse}, which outlives a change of the token
 * (a regeneration, new details) and goes with its removal. It keeps a count of its tokens by kind,
 * so that {@code /metrics} never walks a million tokens.
 */
final class TokenIndex {
  private static final int OPERATOR = 0;
  private static final int ADMIN = 1;
  private static final int RESOURCE = 2;

  private final ByHash byHash;
  private final ById byId;
  private final AtomicLongArray countsByKind = new AtomicLongArray(3);

  /** From this many tokens on, the two maps are filled on two threads. */
  static final int PARALLEL_LOAD = 50_000;

  /** A token and its last use: one object per token, so the index costs no more per token. */
  static final class Entry extends LastUse {
    final Token token;

    Entry(Token token) {
      super(token.lastUsedAt());
      this.token = token;
    }
  }

  /** Tokens by the hash of their secret. */
  private static final class ByHash extends EntryTable<TokenHash> {
    ByHash(int expected) {
      super(expected);
    }

    @Override
    TokenHash keyOf(Entry entry) {
      return entry.token.hash();
    }

    @Override
    int codeOf(TokenHash hash) {
      return hash.hashCode(); // a digest's bits are spread already
    }
  }

  /** Tokens by id. */
  private static final class ById extends EntryTable<TokenId> {
    ById(int expected) {
      super(expected);
    }

    @Override
    TokenId keyOf(Entry entry) {
      return entry.token.id();
    }

    @Override
    int codeOf(TokenId id) {
      int h = Long.hashCode(id.value()) * 0x9E3779B9; // ids come in runs: spread them
      return h ^ (h >>> 16);
    }
  }

  TokenIndex(Collection<Token> committed) {
    byHash = new ByHash(committed.size());
    byId = new ById(committed.size());
    if (committed.size() < PARALLEL_LOAD) {
      committed.forEach(this::put);
      return;
    }
    // A large store (the start of a server holding a million tokens) fills the two maps at once,
    // one on a thread of its own: ids are unique in a store, and so are hashes, so each map is the
    // same as the one put() would make. join() publishes the other thread's map to this one.
    Entry[] entries = new Entry[committed.size()];
    int i = 0;
    for (Token token : committed) {
      entries[i++] = new Entry(token);
    }
    Throwable[] failure = new Throwable[1];
    Thread byHashFiller =
        new Thread(
            () -> {
              try {
                for (Entry entry : entries) {
                  byHash.put(entry);
                }
              } catch (Throwable t) { // rethrown on the loading thread below
                failure[0] = t;
              }
            },
            "tollgate-index-load");
    byHashFiller.start();
    for (Entry entry : entries) {
      byId.put(entry);
      count(entry.token, 1);
    }
    try {
      byHashFiller.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while loading the token index", e);
    }
    if (failure[0] instanceof Error error) {
      throw error;
    }
    if (failure[0] != null) {
      throw new IllegalStateException("loading the token index failed", failure[0]);
    }
  }

  Entry find(TokenHash hash) {
    return byHash.get(hash);
  }

  Entry findById(TokenId id) {
    return byId.get(id);
  }

  /**
   * Adds {@code token}, or replaces the token of that id (whose old hash stops authenticating),
   * keeping what is known of its last use.
   */
  void put(Token token) {
    Entry entry = new Entry(token);
    Entry previous = byId.put(entry);
    if (previous != null) {
      entry.carryOver(previous);
      if (!previous.token.hash().equals(token.hash())) {
        byHash.remove(previous.token.hash(), previous);
      }
      count(previous.token, -1);
    }
    byHash.put(entry);
    count(token, 1);
    if (previous != null) {
      entry.carryOver(previous); // a use that raced the swap above
    }
  }

  /** Removes the token of that id, if any. */
  void remove(TokenId id) {
    Entry previous = byId.remove(id, null);
    if (previous != null) {
      byHash.remove(previous.token.hash(), previous);
      count(previous.token, -1);
    }
  }

  /** The uses the store does not hold yet, by token id; marks nothing. */
  Map<TokenId, Long> pendingLastUse() {
    Map<TokenId, Long> pending = new HashMap<>();
    byId.forEach(
        entry -> {
          long millis = entry.pending();
          if (millis != LastUse.NEVER) {
            pending.put(entry.token.id(), millis);
          }
        });
    return pending;
  }

  /** {@code token} with the later of its stored last use and the one known here. */
  Token withLastUse(Token token) {
    Entry entry = byId.get(token.id());
    if (entry == null) {
      return token;
    }
    long known = entry.usedMillis();
    if (known == LastUse.NEVER || known <= LastUse.millisOf(token.lastUsedAt())) {
      return token;
    }
    return token.withLastUsedAt(Instant.ofEpochMilli(known));
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
