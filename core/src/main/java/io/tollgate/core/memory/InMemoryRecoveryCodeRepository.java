package io.tollgate.core.memory;

import io.tollgate.core.port.out.RecoveryCodeRepository;
import java.time.Instant;
import java.util.Optional;

/** Keeps the recovery code's hash in memory: for tests and throw-away instances. */
public final class InMemoryRecoveryCodeRepository implements RecoveryCodeRepository {

  private String hash;

  @Override
  public synchronized Optional<String> currentHash() {
    return Optional.ofNullable(hash);
  }

  @Override
  public synchronized void replace(String encodedHash, Instant issuedAt) {
    hash = encodedHash;
  }

  @Override
  public synchronized boolean consume(String encodedHash) {
    if (hash != null && hash.equals(encodedHash)) {
      hash = null;
      return true;
    }
    return false;
  }
}
