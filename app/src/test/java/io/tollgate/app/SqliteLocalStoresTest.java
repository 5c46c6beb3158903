package io.tollgate.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.core.domain.Actor;
import io.tollgate.core.domain.AuditEntry;
import io.tollgate.core.domain.IssuedToken;
import io.tollgate.core.domain.StoreException;
import io.tollgate.sqlite.SqliteStore;
import io.tollgate.sqlite.SqliteStores;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteLocalStoresTest {

  private static final Instant NOW = Instant.parse("2025-04-18T14:02:45.331Z");

  @TempDir Path temp;

  private final SqliteLocalStores stores = new SqliteLocalStores(Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void createOperator_thenRegenerate_inPlace_auditedInTheStoreAsOfflineRecovery() {
    Path data = temp.resolve("data");
    SqliteStores.open(data).close();

    IssuedToken created = stores.createOrRegenerateOperator(data);
    IssuedToken regenerated = stores.createOrRegenerateOperator(data);

    assertThat(created.token().updatedAt()).isNull();
    assertThat(regenerated.token().id()).isEqualTo(created.token().id());
    assertThat(regenerated.token().updatedAt()).isEqualTo(NOW);
    assertThat(regenerated.secret()).isNotEqualTo(created.secret());
    assertThat(SqliteStores.readTokens(data)).containsExactly(regenerated.token());
    try (SqliteStore store = SqliteStores.open(data)) {
      assertThat(store.auditLog().entries())
          .containsExactly(
              new AuditEntry(NOW, "token.created", "_admin", Actor.OFFLINE_RECOVERY),
              new AuditEntry(NOW, "token.regenerated", "_admin", Actor.OFFLINE_RECOVERY));
    }
  }

  @Test
  void createOperator_withoutAStore_createsNothing() {
    Path typo = temp.resolve("typo");

    assertThatThrownBy(() -> stores.createOrRegenerateOperator(typo))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("no Tollgate store");
    assertThat(typo).doesNotExist();
  }

  @Test
  void createOperator_whileAStoreHoldsTheDirectory_isRefusedNamingIt() {
    Path data = temp.resolve("data");
    try (SqliteStore store = SqliteStores.open(data)) {
      assertThatThrownBy(() -> stores.createOrRegenerateOperator(data))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining(data.toAbsolutePath().toString());
      assertThat(store.tokens().findAll()).isEmpty();
    }
  }
}
