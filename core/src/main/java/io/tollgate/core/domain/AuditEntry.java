package io.tollgate.core.domain;

import java.time.Instant;

/**
 * One recorded change: what happened, to which token name (may be null), by whom, when. Never
 * carries a secret.
 */
public record AuditEntry(Instant at, String action, String tokenName, Actor actor) {

  public AuditEntry {
    if (at == null || action == null || actor == null) {
      throw new IllegalArgumentException("audit entries need a time, an action and an actor");
    }
  }
}
