package io.tollgate.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.core.domain.Actor;
import io.tollgate.core.domain.AuditEntry;
import io.tollgate.core.domain.AuditQuery;
import io.tollgate.core.port.out.AuditLogContract;
import io.tollgate.core.port.out.TokenStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Core's audit log contract on a real PostgreSQL database, and how the store's schema serves it.
 */
class PostgresAuditLogIT extends AuditLogContract {

  private static TestDatabase database;
  private static TestDatabase other;

  @BeforeAll
  static void createDatabases() {
    database = TestPostgres.freshDatabase();
    other = TestPostgres.freshDatabase();
  }

  @AfterAll
  static void dropDatabases() {
    database.close();
    other.close();
  }

  @Override
  protected TokenStore newStore() {
    database.reset();
    return PostgresStores.open(database.url());
  }

  @Override
  protected TokenStore reopen(TokenStore store) {
    store.close();
    return PostgresStores.open(database.url());
  }

  @Override
  protected TokenStore newSecondStore() {
    other.reset();
    return PostgresStores.open(other.url());
  }

  @Test
  void aQueryByActionAndTime_isAnsweredFromAnIndex_notAScanOfTheLog() {
    List<AuditEntry> many = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      many.add(
          new AuditEntry(
              Instant.EPOCH.plusMillis(i),
              i % 2 == 0 ? AuditEntry.TOKEN_CREATED : AuditEntry.TOKEN_DELETED,
              "t" + i,
              Actor.BOOTSTRAP));
    }
    store.auditLog().record(many);
    database.execute("ANALYZE audit_log");

    List<String> plan = new ArrayList<>();
    withHandle(
        handle ->
            plan.addAll(
                handle
                    .createQuery(
                        "EXPLAIN SELECT at FROM audit_log WHERE action = 'token.created'"
                            + " AND at >= 1990 ORDER BY at DESC, id DESC LIMIT 10")
                    .mapTo(String.class)
                    .list()));

    assertThat(String.join("\n", plan))
        .containsPattern("Index (Only )?Scan")
        .doesNotContain("Seq Scan");
    assertThat(
            store
                .auditLog()
                .find(
                    new AuditQuery(
                        Optional.of(Instant.EPOCH.plusMillis(1990)),
                        Optional.of(AuditEntry.TOKEN_CREATED),
                        10)))
        .extracting(AuditEntry::tokenName)
        .containsExactly("t1998", "t1996", "t1994", "t1992", "t1990");
  }

  @Test
  void anAuditLogOfVersion1_isRenamedToTheNewActions_andGetsAFingerprintKey() {
    store.close();
    database.reset();
    withHandle(
        handle -> {
          Migrations.migrate(handle, "test", 1, Migrations.ALL);
          handle.execute(
              "INSERT INTO audit_log (at, action, actor_label, token_name)"
                  + " VALUES (0, 'created', 'unauthenticated bootstrap', 'ci'),"
                  + " (1, 'recovery code spent', 'recovery listener', NULL)");
        });

    store = PostgresStores.open(database.url());

    assertThat(store.auditLog().entries())
        .containsExactly(
            new AuditEntry(Instant.EPOCH, AuditEntry.TOKEN_CREATED, "ci", Actor.BOOTSTRAP),
            new AuditEntry(
                Instant.EPOCH.plusMillis(1),
                AuditEntry.RECOVERY_CODE_SPENT,
                null,
                Actor.RECOVERY_LISTENER));
    assertThat(store.auditLog().fingerprintKey()).hasSize(32).isNotEqualTo(new byte[32]);
  }

  @Test
  void theFingerprintKey_isACopy() {
    byte[] key = store.auditLog().fingerprintKey();
    byte[] kept = key.clone();
    java.util.Arrays.fill(key, (byte) 0);

    assertThat(store.auditLog().fingerprintKey()).isEqualTo(kept);
  }

  private static void withHandle(java.util.function.Consumer<Handle> work) {
    try (Connection connection = database.connect();
        Handle handle = Jdbi.open(connection)) {
      work.accept(handle);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
