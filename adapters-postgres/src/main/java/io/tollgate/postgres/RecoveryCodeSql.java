package io.tollgate.postgres;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** The {@code recovery_code} table: at most one row (id 0), the current code's encoded hash. */
final class RecoveryCodeSql {

  private RecoveryCodeSql() {}

  static Optional<String> currentHash(Handle handle) {
    return handle
        .createQuery("SELECT hash FROM recovery_code WHERE id = 0")
        .mapTo(String.class)
        .findOne();
  }

  /** The issue time of the current code, if any. */
  static Optional<Instant> issuedAt(Handle handle) {
    return handle
        .createQuery("SELECT issued_at FROM recovery_code WHERE id = 0")
        .mapTo(Long.class)
        .findOne()
        .map(Instant::ofEpochMilli);
  }

  static void replace(Handle handle, String encodedHash, Instant issuedAt) {
    handle.execute(
        "INSERT INTO recovery_code (id, hash, issued_at) VALUES (0, ?, ?)"
            + " ON CONFLICT (id) DO UPDATE SET hash = excluded.hash, issued_at = excluded.issued_at",
        encodedHash,
        issuedAt.toEpochMilli());
  }

  /** Deletes the code if it is still {@code encodedHash}; whether it did. */
  static boolean deleteIfCurrent(Handle handle, String encodedHash) {
    return handle.execute("DELETE FROM recovery_code WHERE id = 0 AND hash = ?", encodedHash) == 1;
  }
}
