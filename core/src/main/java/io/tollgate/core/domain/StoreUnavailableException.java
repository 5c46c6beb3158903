package io.tollgate.core.domain;

/**
 * This node cannot vouch that its view of a shared token store is current (it lost the store for
 * longer than its staleness bound), so token checks fail closed instead of trusting a view that may
 * miss a revocation. Clears by itself once the node has caught up.
 */
public final class StoreUnavailableException extends StoreException {

  /** What a client is told. */
  public static final String CONDITION = "token store unreachable";

  private static final long serialVersionUID = 1L;

  public StoreUnavailableException() {
    super(
        CONDITION,
        "token checks refused: this node's view of the token store is not current",
        null);
  }
}
