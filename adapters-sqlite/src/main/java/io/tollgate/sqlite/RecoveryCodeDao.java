package io.tollgate.sqlite;

import java.util.Optional;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The {@code recovery_code} table (schema version 3): at most one row, the current code's hash. */
interface RecoveryCodeDao {

  @SqlQuery("SELECT hash FROM recovery_code WHERE id = 0")
  Optional<String> currentHash();

  @SqlUpdate(
      """
      INSERT INTO recovery_code (id, hash, issued_at) VALUES (0, :hash, :issuedAt)
      ON CONFLICT (id) DO UPDATE SET hash = excluded.hash, issued_at = excluded.issued_at
      """)
  void replace(@Bind("hash") String hash, @Bind("issuedAt") long issuedAt);

  @SqlUpdate("DELETE FROM recovery_code WHERE id = 0 AND hash = :hash")
  int deleteIfCurrent(@Bind("hash") String hash);
}
