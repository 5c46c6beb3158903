package io.tollgate.http;

import io.tollgate.core.crypto.CredentialFingerprint;
import io.tollgate.core.domain.failure.FailureLimit;
import io.tollgate.core.domain.failure.FailureQueue;
import io.tollgate.core.domain.failure.FailureThrottle;
import io.tollgate.core.port.out.AuditLog;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/**
 * Where refused requests go: the throttle that counts them per client address, the queue that
 * coalesces them, and the drainer that hands them to the store's audit log (and a ring in memory),
 * fingerprinted under the store's key so that fingerprints stay comparable across restarts; without
 * a store, under a key of this run.
 */
final class FailurePipeline {

  private final FailureThrottle throttle;
  private final FailureQueue queue;
  private final FailureRing ring;
  private final FailureDrainer drainer;
  private final AuthFailures failures;

  FailurePipeline(FailureLimit limit, Clock clock, Optional<AuditLog> auditLog) {
    this.throttle = new FailureThrottle(limit, clock);
    this.queue = new FailureQueue(FailureQueue.DEFAULT_CAPACITY, clock);
    this.ring = new FailureRing(FailureRing.DEFAULT_CAPACITY, auditLog);
    this.failures = new AuthFailures(throttle, Optional.of(queue), fingerprint(auditLog));
    this.drainer = new FailureDrainer(queue, ring, Duration.ofSeconds(1));
  }

  /** What the request pipeline and forward authentication refuse and record through. */
  AuthFailures failures() {
    return failures;
  }

  /** The latest events (also recorded in the store's audit log, if any). */
  FailureRing ring() {
    return ring;
  }

  void watchedBy(HttpMetrics metrics) {
    metrics.watch(throttle, queue, ring);
  }

  void start() {
    drainer.start();
  }

  void stop() {
    drainer.stop();
  }

  private static CredentialFingerprint fingerprint(Optional<AuditLog> auditLog) {
    if (auditLog.isEmpty()) {
      return CredentialFingerprint.random(new SecureRandom());
    }
    byte[] key = auditLog.get().fingerprintKey();
    try {
      return new CredentialFingerprint(key);
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }
}
