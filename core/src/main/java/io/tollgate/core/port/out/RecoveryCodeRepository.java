package io.tollgate.core.port.out;

import java.time.Instant;
import java.util.Optional;

/** Keeps the hash of the one current recovery code, if any. */
public interface RecoveryCodeRepository {

  Optional<String> currentHash();

  /** Stores {@code encodedHash} as the current code, replacing any earlier one. */
  void replace(String encodedHash, Instant issuedAt);

  /**
   * Removes the current code if, and only if, it is still {@code encodedHash}.
   *
   * @return true when this call spent the code
   */
  boolean consume(String encodedHash);
}
