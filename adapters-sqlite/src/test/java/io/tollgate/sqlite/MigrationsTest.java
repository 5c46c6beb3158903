package io.tollgate.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.core.domain.Actor;
import io.tollgate.core.domain.AuditEntry;
import io.tollgate.core.domain.AuditQuery;
import io.tollgate.core.domain.Description;
import io.tollgate.core.domain.Expiry;
import io.tollgate.core.domain.StoreException;
import io.tollgate.core.domain.Token;
import io.tollgate.core.domain.TokenHash;
import io.tollgate.core.domain.TokenId;
import io.tollgate.core.domain.TokenName;
import io.tollgate.core.domain.TokenStatus;
import io.tollgate.core.testing.TestTokens;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class MigrationsTest {

  private static final String CLUSTER = "6f1c1a53-3f1e-4c55-9d3a-0c0ffee0cafe";
  private static final Instant T0 = TestTokens.T0;

  @TempDir Path tempDir;

  static Stream<Integer> olderVersions() {
    return IntStream.range(0, Migrations.LATEST).boxed();
  }

  @Test
  void latest_isTheLastStepAndStepsAreNumberedFromOneWithoutGaps() {
    assertThat(Migrations.ALL).extracting(Migration::version).containsExactly(1, 2, 3, 4, 5, 6, 7);
    assertThat(Migrations.LATEST).isEqualTo(7);
  }

  @ParameterizedTest(name = "from version {0}")
  @MethodSource("olderVersions")
  void open_migratesADatabaseAtEveryOlderVersionWithItsDataIntact(int version) {
    Path dataDir = tempDir.resolve("v" + version);
    Path db = createDatabaseAt(dataDir, version);

    try (SqliteStore store = SqliteStores.open(dataDir)) {
      SqliteTokenStore repository = (SqliteTokenStore) store;
      assertThat(repository.withWriter(Migrations::userVersion)).isEqualTo(Migrations.LATEST);
      if (version == 0) {
        assertThat(store.tokens().findAll()).isEmpty();
        assertThat(store.tokens().insert(TestTokens.newToken("_admin")).id())
            .isEqualTo(TokenId.of(0));
      } else {
        assertThat(store.tokens().findAll()).isEqualTo(seededTokens());
        assertThat(store.clusterId()).isEqualTo(UUID.fromString(CLUSTER));
        assertThat(store.tokens().findByHash(TestTokens.hashOf("apiv3_operator")))
            .contains(seededTokens().get(0));
        // Ids deleted before the upgrade stay used.
        assertThat(store.tokens().insert(TestTokens.newToken("fresh")).id())
            .isEqualTo(TokenId.of(5));
      }
      List<AuditEntry> audit = new ArrayList<>();
      if (version >= 2) {
        audit.add(SEEDED_AUDIT);
      }
      AuditEntry entry = new AuditEntry(T0, "token.created", "fresh", Actor.BOOTSTRAP);
      store.auditLog().record(entry);
      audit.add(entry);
      assertThat(store.auditLog().entries()).isEqualTo(audit);
      assertThat(store.recoveryCodes().currentHash()).isEmpty();
      store.recoveryCodes().replace("$argon2id$seeded", T0);
      assertThat(store.recoveryCodes().currentHash()).contains("$argon2id$seeded");
    }
    try (RawSqlite raw = RawSqlite.open(db)) {
      assertThat(raw.single("PRAGMA integrity_check")).isEqualTo("ok");
    }
  }

  @Test
  void migrationTo5_renamesTheActionsAndTheBootstrapActor_andGivesTheStoreAFingerprintKey() {
    Path dataDir = tempDir.resolve("actions");
    Path db = createDatabaseAt(dataDir, 4);
    String[] old = {
      "created", "regenerated", "updated", "imported", "recovery code issued", "recovery code spent"
    };
    try (Handle handle = Jdbi.open("jdbc:sqlite:" + db)) {
      for (String action : old) {
        handle.execute(
            "INSERT INTO audit_log (at, action, actor_label, token_name) VALUES (?, ?, ?, ?)",
            T0.toEpochMilli(),
            action,
            "unauthenticated bootstrap",
            "_admin");
      }
    }

    try (SqliteStore store = SqliteStores.open(dataDir)) {
      assertThat(store.auditLog().entries())
          .extracting(AuditEntry::action)
          .containsExactly(
              "token.deleted",
              "token.created",
              "token.regenerated",
              "token.updated",
              "token.imported",
              "recovery_code.issued",
              "recovery_code.spent");
      assertThat(store.auditLog().entries().subList(1, 7))
          .allSatisfy(
              entry -> {
                assertThat(entry.actor()).isEqualTo(Actor.BOOTSTRAP);
                assertThat(entry.origin()).isNull();
                assertThat(entry.count()).isEqualTo(1);
              });
      assertThat(store.auditLog().fingerprintKey()).hasSize(32).isNotEqualTo(new byte[32]);
    }
  }

  @Test
  void migrationTo7_keepsEveryAuditLineInOrder_andHandsOutIdsAboveEveryOneEverUsed() {
    Path dataDir = tempDir.resolve("by-time");
    Path db = createDatabaseAt(dataDir, 6);
    try (Handle handle = Jdbi.open("jdbc:sqlite:" + db)) {
      // ids 2-5: times out of id order (a clock set back), then the newest line removed, so
      // that the highest id ever handed out (5) is above the highest left (4)
      long[] offsets = {3_000, 1_000, 2_000, 4_000};
      for (int i = 0; i < offsets.length; i++) {
        handle.execute(
            "INSERT INTO audit_log (at, action, actor_label, token_name) VALUES (?, ?, ?, ?)",
            T0.toEpochMilli() + offsets[i],
            i % 2 == 0 ? "token.created" : "token.updated",
            "bootstrap",
            "line-" + (i + 2));
      }
      handle.execute("DELETE FROM audit_log WHERE id = 5");
    }

    try (SqliteStore store = SqliteStores.open(dataDir)) {
      assertThat(store.auditLog().entries())
          .extracting(AuditEntry::tokenName)
          .containsExactly("gone", "line-2", "line-3", "line-4");
      assertThat(store.auditLog().find(AuditQuery.latest()))
          .extracting(AuditEntry::tokenName)
          .containsExactly("line-2", "line-4", "line-3", "gone");
      assertThat(
              store
                  .auditLog()
                  .find(new AuditQuery(Optional.empty(), Optional.of("token.created"), 10)))
          .extracting(AuditEntry::tokenName)
          .containsExactly("line-2", "line-4");
      store.auditLog().record(new AuditEntry(T0, "token.created", "after", Actor.BOOTSTRAP));
    }
    try (RawSqlite raw = RawSqlite.open(db)) {
      assertThat(raw.count("SELECT id FROM audit_log WHERE token_name = 'after'")).isEqualTo(6);
      assertThat(raw.count("SELECT next_audit_id FROM meta")).isEqualTo(7);
      assertThat(raw.count("SELECT count(*) FROM sqlite_sequence")).isZero();
      assertThat(raw.single("PRAGMA integrity_check")).isEqualTo("ok");
    }
  }

  @ParameterizedTest(name = "sqlite_sequence holding {0}")
  @ValueSource(strings = {"'abc'", "2.5", "-5", "x'00'"})
  void migrationTo7_ofATamperedSequence_handsOutIdsAboveTheHighestLeft(String seq) {
    Path dataDir = tempDir.resolve("seq-" + Math.abs(seq.hashCode()));
    Path db = version6WithAuditSequence(dataDir, seq);

    try (SqliteStore store = SqliteStores.open(dataDir)) {
      store.auditLog().record(new AuditEntry(T0, "token.created", "after", Actor.BOOTSTRAP));
      assertThat(store.auditLog().entries())
          .extracting(AuditEntry::tokenName)
          .containsExactly("gone", "after");
    }
    try (RawSqlite raw = RawSqlite.open(db)) {
      assertThat(raw.count("SELECT id FROM audit_log WHERE token_name = 'after'")).isEqualTo(2);
    }
  }

  @Test
  void migrationTo7_ofAnExhaustedSequence_isRefused_andLeavesTheStoreAtVersion6() {
    Path dataDir = tempDir.resolve("seq-exhausted");
    Path db = version6WithAuditSequence(dataDir, Long.toString(Long.MAX_VALUE));

    assertThatThrownBy(() -> SqliteStores.open(dataDir))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("the audit log's ids are used up");
    try (RawSqlite raw = RawSqlite.open(db)) {
      assertThat(raw.count("PRAGMA user_version")).isEqualTo(6);
      assertThat(raw.count("SELECT count(*) FROM audit_log")).isEqualTo(1);
    }
  }

  @Test
  void aStoreVacuumedAfterMigrationTo7_opensWithEverythingIntact_withoutSqliteSequence() {
    Path dataDir = tempDir.resolve("vacuumed");
    Path db = createDatabaseAt(dataDir, 6);
    try (SqliteStore store = SqliteStores.open(dataDir)) {
      store.auditLog().record(new AuditEntry(T0, "token.created", "before", Actor.BOOTSTRAP));
    }
    try (RawSqlite raw = RawSqlite.open(db)) {
      // nothing is AUTOINCREMENT any more: a VACUUM drops the empty sqlite_sequence
      raw.execute("VACUUM");
      assertThat(raw.count("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_sequence'"))
          .isZero();
    }

    try (SqliteStore store = SqliteStores.open(dataDir)) {
      assertThat(store.tokens().findAll()).isEqualTo(seededTokens());
      store.auditLog().record(new AuditEntry(T0, "token.created", "after", Actor.BOOTSTRAP));
      assertThat(store.auditLog().entries())
          .extracting(AuditEntry::tokenName)
          .containsExactly("gone", "before", "after");
    }
  }

  @Test
  void migrationTo4_remembersAsImportedTheTokensTheAuditLogRecordsAsImportedAtTheirCreation() {
    Path dataDir = tempDir.resolve("imported");
    Path db = createDatabaseAt(dataDir, 3);
    try (Handle handle = Jdbi.open("jdbc:sqlite:" + db)) {
      handle.execute(
          "UPDATE tokens SET created_by = NULL, created_at = ? WHERE name = 'ci'",
          T0.toEpochMilli());
      handle.execute(
          "INSERT INTO audit_log (at, action, actor_label, token_name) VALUES (?, ?, ?, ?)",
          T0.toEpochMilli(),
          "imported",
          "admin token file",
          "ci");
      // Created by a token, so not the one the file brought in even though a name matches.
      handle.execute(
          "INSERT INTO audit_log (at, action, actor_label, token_name) VALUES (?, ?, ?, ?)",
          T0.plusSeconds(2).toEpochMilli(),
          "imported",
          "admin token file",
          "retired");
    }

    try (SqliteStore store = SqliteStores.open(dataDir)) {
      assertThat(store.tokens().wasImported(TestTokens.hashOf("apiv3_ci"))).isTrue();
      assertThat(store.tokens().wasImported(TestTokens.hashOf("apiv3_retired"))).isFalse();
      assertThat(store.tokens().wasImported(TestTokens.hashOf("apiv3_operator"))).isFalse();
    }
  }

  @Test
  void open_refusesADatabaseFromANewerVersionAndLeavesItUntouched() throws IOException {
    Path dataDir = tempDir.resolve("newer");
    Path db = createDatabaseAt(dataDir, Migrations.LATEST);
    try (RawSqlite raw = RawSqlite.open(db)) {
      raw.execute("PRAGMA user_version = " + (Migrations.LATEST + 1));
    }
    String before = sha256(db);
    List<String> filesBefore = listing(dataDir);

    for (int attempt = 0; attempt < 2; attempt++) {
      assertThatThrownBy(() -> SqliteStores.open(dataDir))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining(db.toString())
          .hasMessageContaining("schema version " + (Migrations.LATEST + 1))
          .hasMessageContaining("newer");
    }

    assertThat(sha256(db)).isEqualTo(before);
    // The lock file is the only addition: no journal, WAL or shared-memory file stays behind.
    assertThat(listing(dataDir)).isEqualTo(filesBefore);
    try (RawSqlite raw = RawSqlite.open(db)) {
      assertThat(raw.single("PRAGMA journal_mode")).isEqualTo("delete");
    }
  }

  @Test
  void migrate_aFailingStep_leavesTheVersionAndSchemaAsTheyWere() {
    Path dataDir = tempDir.resolve("failing");
    Path db = createDatabaseAt(dataDir, 1);
    Migration broken =
        Migration.script(
            2, "broken", "CREATE TABLE half_done (id INTEGER); SELECT no_such_function();");

    try (Handle handle = Jdbi.open("jdbc:sqlite:" + db)) {
      assertThatThrownBy(
              () -> Migrations.migrate(handle, db, 2, List.of(Migrations.ALL.get(0), broken)))
          .isNotNull();
      assertThat(Migrations.userVersion(handle)).isEqualTo(1);
      assertThat(
              handle
                  .createQuery("SELECT count(*) FROM sqlite_master WHERE name = 'half_done'")
                  .mapTo(Integer.class)
                  .one())
          .isZero();
    }
    try (SqliteStore store = SqliteStores.open(dataDir)) {
      assertThat(store.tokens().findAll()).isEqualTo(seededTokens());
    }
  }

  /**
   * A database as Tollgate left it at {@code version}, filled with the rows that version could
   * hold. The SQL is frozen per version: it must not follow later schema changes.
   */
  /**
   * A seeded version-6 store whose audit log's AUTOINCREMENT mark in sqlite_sequence holds the SQL
   * literal {@code seq}, as a hand edit of the file would leave it.
   */
  private Path version6WithAuditSequence(Path dataDir, String seq) {
    Path db = createDatabaseAt(dataDir, 6);
    try (RawSqlite raw = RawSqlite.open(db)) {
      raw.execute("UPDATE sqlite_sequence SET seq = " + seq + " WHERE name = 'audit_log'");
    }
    return db;
  }

  private Path createDatabaseAt(Path dataDir, int version) {
    try {
      Files.createDirectories(dataDir);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    Path db = dataDir.resolve("tollgate.db");
    try (Handle handle = Jdbi.open("jdbc:sqlite:" + db)) {
      Migrations.migrate(handle, db, version);
      assertThat(Migrations.userVersion(handle)).isEqualTo(version);
      if (version >= 1) {
        seedVersion1(handle);
      }
      if (version >= 7) {
        handle.execute(
            "INSERT INTO audit_log (id, at, action, actor_label, actor_token_id, token_name)"
                + " VALUES ((SELECT next_audit_id FROM meta), ?, ?, ?, ?, ?)",
            T0.toEpochMilli(),
            "token.deleted",
            "token 0 (_admin)",
            0L,
            "gone");
        handle.execute("UPDATE meta SET next_audit_id = next_audit_id + 1");
      } else if (version >= 2) {
        handle.execute(
            "INSERT INTO audit_log (at, action, actor_label, actor_token_id, token_name)"
                + " VALUES (?, ?, ?, ?, ?)",
            T0.toEpochMilli(),
            version >= 5 ? "token.deleted" : "deleted",
            "token 0 (_admin)",
            0L,
            "gone");
      }
    }
    return db;
  }

  private static final AuditEntry SEEDED_AUDIT =
      new AuditEntry(T0, "token.deleted", "gone", new Actor(TokenId.of(0), "token 0 (_admin)"));

  private static void seedVersion1(Handle handle) {
    handle.execute("UPDATE meta SET cluster_uuid = ?, next_token_id = 5", CLUSTER);
    for (Token token : seededTokens()) {
      handle.execute(
          """
          INSERT INTO tokens (id, name, hash_algorithm, hash, created_at, created_by, updated_at,
                              updated_by, expiry, description, status, permissions)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
          """,
          token.id().value(),
          token.name().value(),
          token.hash().algorithm(),
          token.hash().digest(),
          token.createdAt().toEpochMilli(),
          token.createdBy() == null ? null : token.createdBy().value(),
          token.updatedAt() == null ? null : token.updatedAt().toEpochMilli(),
          token.updatedBy() == null ? null : token.updatedBy().value(),
          token.expiry().asInstant().map(Instant::toEpochMilli).orElse(null),
          token.description() == null ? null : token.description().value(),
          token.status().wireName(),
          token.permissions().text());
    }
  }

  private static List<Token> seededTokens() {
    TokenHash operator = TestTokens.hashOf("apiv3_operator");
    return List.of(
        new Token(
            TokenId.of(0),
            TokenName.OPERATOR,
            operator,
            T0,
            null,
            T0.plusSeconds(60),
            TokenId.of(0),
            Expiry.NEVER,
            null,
            TokenStatus.ACTIVE,
            Token.ADMIN_PERMISSIONS),
        new Token(
            TokenId.of(2),
            TokenName.of("ci"),
            TestTokens.hashOf("apiv3_ci"),
            T0.plusSeconds(1),
            TokenId.of(0),
            null,
            null,
            Expiry.at(T0.plusSeconds(3600)),
            Description.of("deploys from CI"),
            TokenStatus.ACTIVE,
            Token.ADMIN_PERMISSIONS),
        new Token(
            TokenId.of(4),
            TokenName.of("retired"),
            TestTokens.hashOf("apiv3_retired"),
            T0.plusSeconds(2),
            TokenId.of(2),
            T0.plusSeconds(3),
            TokenId.of(0),
            Expiry.NEVER,
            null,
            TokenStatus.INACTIVE,
            Token.ADMIN_PERMISSIONS));
  }

  private static List<String> listing(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(name -> !name.equals(DirectoryLock.FILE_NAME))
          .sorted()
          .toList();
    }
  }

  static String sha256(Path file) throws IOException {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
