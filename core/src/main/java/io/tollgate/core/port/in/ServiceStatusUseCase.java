package io.tollgate.core.port.in;

import java.util.OptionalLong;

/**
 * What operations endpoints ask ({@code /metrics}, {@code /health}): cheap enough to be called
 * every second, whatever the number of tokens.
 */
public interface ServiceStatusUseCase {

  /** How many tokens exist, by kind. */
  record TokenCounts(long operator, long admin, long resource) {}

  /** Whether the store could vouch, at the check, that this node's view is current. */
  enum StoreStatus {
    /** Readable, and every committed change is applied here. */
    CURRENT,
    /** Readable, but a shared store cannot confirm this node has every committed change. */
    STALE
  }

  /** The committed tokens by kind, from memory: no store access. */
  TokenCounts tokenCounts();

  /**
   * Reads one row from the store (not every token).
   *
   * @throws io.tollgate.core.domain.StoreException (or another runtime exception) when the store
   *     cannot be read
   */
  StoreStatus checkStore();

  /**
   * How far behind this node may be: milliseconds since it last confirmed it has every change
   * committed by other nodes; empty for a store owned by one process (never behind). From memory:
   * no store access.
   */
  default OptionalLong storeLagMillis() {
    return OptionalLong.empty();
  }
}
