package io.tollgate.core.service;

import io.tollgate.core.domain.TokenId;
import io.tollgate.core.port.out.TokenStore;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Writes the last uses an index knows and its store does not, in one batch, one flush at a time. A
 * use is marked written only after the store committed it; when the store fails, every use stays
 * pending for the next flush.
 */
final class LastUseFlusher {

  private final TokenIndex index;
  private final TokenStore store;
  private final ReentrantLock flushLock = new ReentrantLock();

  LastUseFlusher(TokenIndex index, TokenStore store) {
    this.index = index;
    this.store = store;
  }

  /**
   * @return how many tokens' last use it wrote
   */
  int flush() {
    flushLock.lock();
    try {
      Map<TokenId, Long> pending = index.pendingLastUse();
      if (pending.isEmpty()) {
        return 0;
      }
      Map<TokenId, Instant> batch = new HashMap<>(pending.size() * 2);
      pending.forEach((id, millis) -> batch.put(id, Instant.ofEpochMilli(millis)));
      store.recordLastUse(batch);
      pending.forEach(
          (id, millis) -> {
            TokenIndex.Entry entry = index.findById(id);
            if (entry != null) {
              entry.flushed(millis);
            }
          });
      return pending.size();
    } finally {
      flushLock.unlock();
    }
  }
}
