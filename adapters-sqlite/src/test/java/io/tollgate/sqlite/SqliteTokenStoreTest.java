package io.tollgate.sqlite;

import static io.tollgate.core.testing.TestTokens.T0;
import static io.tollgate.core.testing.TestTokens.newToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.core.domain.Actor;
import io.tollgate.core.domain.AuditEntry;
import io.tollgate.core.domain.StoreException;
import io.tollgate.core.domain.TokenName;
import io.tollgate.core.port.out.TokenStore;
import io.tollgate.core.port.out.TokenStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Core's unit-of-work contract on a real SQLite file. The audit log is broken by a trigger added
 * after opening (opening refuses a store with an extra trigger), which aborts every append.
 */
class SqliteTokenStoreTest extends TokenStoreContract {

  @TempDir Path tempDir;

  @Override
  protected TokenStore newStore() {
    return SqliteStores.open(tempDir.resolve("data"));
  }

  @Override
  protected void breakAuditLog(TokenStore store) {
    ((SqliteTokenStore) store)
        .withWriter(
            handle ->
                handle.execute(
                    "CREATE TRIGGER audit_log_broken BEFORE INSERT ON audit_log"
                        + " BEGIN SELECT RAISE(ABORT, 'the audit log is broken'); END"));
  }

  @Test
  void aBrokenAuditLog_failsAsAStoreError_andTheNextTransactionWorks() {
    breakAuditLog(store);

    assertThatThrownBy(
            () ->
                store.inTransaction(
                    tx -> {
                      tx.tokens().insert(newToken("ci"));
                      tx.audit(new AuditEntry(T0, "token.created", "ci", Actor.BOOTSTRAP));
                      return null;
                    }))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("cannot write the audit log");

    assertThat(store.tokens().insert(newToken("next")).name()).isEqualTo(TokenName.of("next"));
    assertThat(store.tokens().findByName(TokenName.of("ci"))).isEmpty();
  }
}
