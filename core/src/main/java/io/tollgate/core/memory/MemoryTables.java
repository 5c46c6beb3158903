package io.tollgate.core.memory;

import io.tollgate.core.domain.AuditEntry;
import io.tollgate.core.domain.Token;
import io.tollgate.core.domain.TokenHash;
import io.tollgate.core.domain.TokenName;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What an {@link InMemoryTokenStore} holds. Not thread-safe: the store guards it with its lock, and
 * only a {@link MemoryTransaction} changes it.
 */
final class MemoryTables {

  final TreeMap<Long, Token> byId = new TreeMap<>();
  final Map<TokenName, Token> byName = new HashMap<>();
  final Map<TokenHash, Token> byHash = new HashMap<>();
  final Set<TokenHash> imported = new HashSet<>();
  final List<AuditEntry> audit = new ArrayList<>();
  String recoveryCodeHash;

  /** The id the next insert takes; never lowered, not even when that insert is rolled back. */
  long nextId;

  void put(Token token) {
    byId.put(token.id().value(), token);
    byName.put(token.name(), token);
    byHash.put(token.hash(), token);
  }

  void remove(Token token) {
    byId.remove(token.id().value());
    byName.remove(token.name());
    byHash.remove(token.hash());
  }
}
