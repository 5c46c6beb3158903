package io.tollgate.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.core.domain.Actor;
import io.tollgate.core.domain.AuditEntry;
import io.tollgate.core.domain.AuditQuery;
import io.tollgate.core.port.out.AuditLogContract;
import io.tollgate.core.port.out.TokenStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Core's audit log contract on a real SQLite file, and how SQLite answers a query. */
class SqliteAuditLogTest extends AuditLogContract {

  @TempDir Path tempDir;

  @Override
  protected TokenStore newStore() {
    return SqliteStores.open(tempDir.resolve("data"));
  }

  @Override
  protected TokenStore reopen(TokenStore store) {
    store.close();
    return SqliteStores.open(tempDir.resolve("data"));
  }

  @Override
  protected TokenStore newSecondStore() {
    return SqliteStores.open(tempDir.resolve("other"));
  }

  @Test
  void theQueriesByTime_andThePrune_followTheLogsOwnOrder_withoutSorting() {
    SqliteTokenStore sqlite = (SqliteTokenStore) store;
    String newest = "SELECT at FROM audit_log ORDER BY at DESC, id DESC LIMIT 10";
    String since = "SELECT at FROM audit_log WHERE at >= 0 ORDER BY at DESC, id DESC LIMIT 10";
    String prune =
        "DELETE FROM audit_log WHERE (at, id) IN"
            + " (SELECT at, id FROM audit_log WHERE at < 0 ORDER BY at, id LIMIT 10)";

    assertThat(plan(sqlite, newest)).doesNotContain("TEMP B-TREE");
    assertThat(plan(sqlite, since))
        .contains("SEARCH audit_log USING PRIMARY KEY (at>?)")
        .doesNotContain("TEMP B-TREE");
    assertThat(plan(sqlite, prune))
        .contains("USING PRIMARY KEY (at=? AND id=?)")
        .contains("USING PRIMARY KEY (at<?)")
        .doesNotContain("TEMP B-TREE");
  }

  private static String plan(SqliteTokenStore sqlite, String query) {
    List<String> details =
        sqlite.withWriter(
            handle ->
                handle
                    .createQuery("EXPLAIN QUERY PLAN " + query)
                    .map((rs, ctx) -> rs.getString("detail"))
                    .list());
    return String.join("\n", details);
  }

  @Test
  void aQueryByActionAndTime_usesAnIndex_notAScanOfTheLog() {
    store
        .auditLog()
        .record(new AuditEntry(Instant.EPOCH, AuditEntry.TOKEN_CREATED, "a", Actor.BOOTSTRAP));
    SqliteTokenStore sqlite = (SqliteTokenStore) store;

    List<String> plan =
        sqlite.withWriter(
            handle ->
                handle
                    .createQuery(
                        "EXPLAIN QUERY PLAN SELECT at FROM audit_log WHERE action = 'token.created'"
                            + " AND at >= 0 ORDER BY at DESC, id DESC LIMIT 10")
                    .map((rs, ctx) -> rs.getString("detail"))
                    .list());

    assertThat(String.join("\n", plan))
        .contains("INDEX audit_log_action_at")
        .doesNotContain("SCAN");
    assertThat(
            store
                .auditLog()
                .find(
                    new AuditQuery(
                        Optional.of(Instant.EPOCH), Optional.of(AuditEntry.TOKEN_CREATED), 10)))
        .hasSize(1);
  }
}
