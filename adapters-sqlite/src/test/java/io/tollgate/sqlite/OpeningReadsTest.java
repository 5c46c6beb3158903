package io.tollgate.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.core.domain.StoreException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link OpeningReads}: the values a store's opening reads without Jdbi, and its refusals. */
class OpeningReadsTest {

  @TempDir Path tempDir;

  @Test
  void identity_isTheStoresClusterIdAndAuditKey() {
    Path data = tempDir.resolve("data");
    UUID clusterId;
    byte[] key;
    try (SqliteStore store = SqliteStores.open(data)) {
      clusterId = store.clusterId();
      key = store.auditLog().fingerprintKey();
    }
    try (RawSqlite raw = RawSqlite.open(data.resolve(SqliteStores.DATABASE_FILE_NAME))) {
      OpeningReads.Identity identity = OpeningReads.identity(raw.connection());

      assertThat(identity.clusterId()).isEqualTo(clusterId);
      assertThat(identity.auditKey()).hasSize(32).isEqualTo(key);
      assertThat(identity.toString()).contains(clusterId.toString()).endsWith("auditKey=set]");
    }
  }

  @Test
  void userVersion_isZeroForANewFileAndTheLatestForAStore() {
    try (RawSqlite raw = RawSqlite.open(tempDir.resolve("new.db"))) {
      assertThat(OpeningReads.userVersion(raw.connection())).isZero();
    }
    Path data = tempDir.resolve("data");
    SqliteStores.open(data).close();
    try (RawSqlite raw = RawSqlite.open(data.resolve(SqliteStores.DATABASE_FILE_NAME))) {
      assertThat(OpeningReads.userVersion(raw.connection())).isEqualTo(Migrations.LATEST);
    }
  }

  @Test
  void enableWal_switchesTheJournalModeAndSaysSo() {
    try (RawSqlite raw = RawSqlite.open(tempDir.resolve("new.db"))) {
      assertThat(OpeningReads.enableWal(raw.connection())).isEqualToIgnoringCase("wal");
      assertThat(raw.single("PRAGMA journal_mode")).isEqualToIgnoringCase("wal");
    }
  }

  @Test
  void identity_withoutTheMetaRow_isRefusedInWords() {
    try (RawSqlite raw = RawSqlite.open(tempDir.resolve("new.db"))) {
      looseMeta(raw);

      assertThatThrownBy(() -> OpeningReads.identity(raw.connection()))
          .isInstanceOf(StoreException.class)
          .hasMessage("the store has no identity row in meta");
    }
  }

  @Test
  void identity_withAClusterIdThatIsNoUuid_isRefusedInWords() {
    try (RawSqlite raw = RawSqlite.open(tempDir.resolve("new.db"))) {
      looseMeta(raw);
      raw.execute("INSERT INTO meta VALUES (0, 'not-a-uuid', NULL)");

      assertThatThrownBy(() -> OpeningReads.identity(raw.connection()))
          .isInstanceOf(StoreException.class)
          .hasMessage("the store's cluster id in meta is not a UUID: not-a-uuid");
    }
  }

  @Test
  void identity_withoutAClusterId_isRefusedInWords() {
    try (RawSqlite raw = RawSqlite.open(tempDir.resolve("new.db"))) {
      looseMeta(raw);
      raw.execute("INSERT INTO meta VALUES (0, NULL, NULL)");

      assertThatThrownBy(() -> OpeningReads.identity(raw.connection()))
          .isInstanceOf(StoreException.class)
          .hasMessage("the store's cluster id in meta is not a UUID: null");
    }
  }

  @Test
  void identity_withoutAKey_givesNoneAndDoesNotShowOne() {
    try (RawSqlite raw = RawSqlite.open(tempDir.resolve("new.db"))) {
      looseMeta(raw);
      UUID id = UUID.randomUUID();
      raw.execute("INSERT INTO meta VALUES (0, '" + id + "', NULL)");

      OpeningReads.Identity identity = OpeningReads.identity(raw.connection());

      assertThat(identity.clusterId()).isEqualTo(id);
      assertThat(identity.auditKey()).isNull();
      assertThat(identity.toString()).endsWith("auditKey=none]");
    }
  }

  @Test
  void aDriverFailure_isCarriedForTranslation() throws SQLException {
    RawSqlite raw = RawSqlite.open(tempDir.resolve("new.db"));
    raw.close();

    assertThatThrownBy(() -> OpeningReads.userVersion(raw.connection()))
        .isInstanceOf(StoreSqlFailure.class)
        .hasCauseInstanceOf(SQLException.class);
    assertThatThrownBy(() -> OpeningReads.identity(raw.connection()))
        .isInstanceOf(StoreSqlFailure.class)
        .hasCauseInstanceOf(SQLException.class);
  }

  /** A {@code meta} table without the schema's constraints, as a tampered file could have. */
  private static void looseMeta(RawSqlite raw) {
    raw.execute("CREATE TABLE meta (id INTEGER, cluster_uuid TEXT, audit_key BLOB)");
  }
}
