package io.tollgate.core.domain.failure;

import io.tollgate.core.domain.Actor;
import io.tollgate.core.domain.AuditEntry;
import io.tollgate.core.domain.RequestOrigin;
import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Refused requests of one client address with one credential and one action within one coalescing
 * window ({@link FailureQueue}), as one audit entry with a count. Holds no secret: the credential
 * appears only as its fingerprint (16 lower-case hex digits, checked here).
 *
 * @param firstAt the first refusal of the window (UTC, milliseconds)
 * @param lastAt the last one
 * @param action {@code auth.failed} or {@code authz.denied}
 * @param actor who presented the credential: the token for a denial, {@link Actor#UNAUTHENTICATED}
 *     for a failed authentication
 * @param clientAddress the client address of the requests
 * @param credentialFp the presented credential's fingerprint
 * @param method the first request's method
 * @param path the first request's path (no query string)
 * @param count how many refusals the entry stands for, at least 1
 */
public record FailureEvent(
    Instant firstAt,
    Instant lastAt,
    FailureAction action,
    Actor actor,
    String clientAddress,
    String credentialFp,
    String method,
    String path,
    long count) {

  private static final Pattern FINGERPRINT = Pattern.compile("[0-9a-f]{16}");

  public FailureEvent {
    Objects.requireNonNull(firstAt, "firstAt");
    Objects.requireNonNull(lastAt, "lastAt");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(clientAddress, "clientAddress");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    requireFingerprint(credentialFp);
    if (count < 1) {
      throw new IllegalArgumentException("count must be at least 1");
    }
  }

  /**
   * This event as the audit entry it becomes: at its first refusal, with its client address, method
   * and path (no request id: it stands for {@code count} requests), fingerprint and count.
   */
  public AuditEntry toAuditEntry() {
    return new AuditEntry(
        firstAt,
        action.auditName(),
        null,
        actor,
        new RequestOrigin(clientAddress, method, path, null),
        credentialFp,
        count);
  }

  /** Refuses anything but 16 lower-case hex digits, without quoting it (it might be a secret). */
  static void requireFingerprint(String credentialFp) {
    if (credentialFp == null || !FINGERPRINT.matcher(credentialFp).matches()) {
      throw new IllegalArgumentException("a credential fingerprint is 16 lower-case hex digits");
    }
  }
}
