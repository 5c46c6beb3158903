package io.tollgate.core.domain;

import java.time.Instant;
import java.util.Optional;

/**
 * Which audit entries to read: those at or after {@code since} (all when empty), of {@code action}
 * (all when empty), the newest {@code limit} of them, newest first.
 *
 * @param since the earliest entry time to include
 * @param action one of {@link AuditEntry#ACTIONS}
 * @param limit 1 to {@link #MAX_LIMIT}; {@link #DEFAULT_LIMIT} when a caller gives none
 */
public record AuditQuery(Optional<Instant> since, Optional<String> action, int limit) {

  /** The entries a read returns when no limit is given. */
  public static final int DEFAULT_LIMIT = 100;

  /** The most entries one read returns. */
  public static final int MAX_LIMIT = 10_000;

  public AuditQuery {
    since = since == null ? Optional.empty() : since;
    action = action == null ? Optional.empty() : action;
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new InvalidAuditQueryException("limit must be 1 to " + MAX_LIMIT + ", got " + limit);
    }
    action.ifPresent(
        a -> {
          if (!AuditEntry.ACTIONS.contains(a)) {
            throw new InvalidAuditQueryException(
                "unknown audit action '"
                    + (a.length() > 64 ? a.substring(0, 64) + "…" : a)
                    + "': expected one of "
                    + String.join(", ", AuditEntry.ACTIONS));
          }
        });
  }

  /** The newest {@link #DEFAULT_LIMIT} entries of every action. */
  public static AuditQuery latest() {
    return new AuditQuery(Optional.empty(), Optional.empty(), DEFAULT_LIMIT);
  }

  /** Whether {@code entry} is one this query asks for (limit aside). */
  public boolean matches(AuditEntry entry) {
    return since.map(s -> !entry.at().isBefore(s)).orElse(true)
        && action.map(a -> a.equals(entry.action())).orElse(true);
  }
}
