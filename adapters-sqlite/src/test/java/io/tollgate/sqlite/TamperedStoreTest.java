package io.tollgate.sqlite;

import static io.tollgate.core.testing.TestTokens.newToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.core.domain.StoreException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Stores tampered with outside Tollgate (plain JDBC, as an attacker with the file would): refused
 * by {@code restore} and by a store opening at start-up, one line naming what is wrong, nothing
 * changed.
 */
class TamperedStoreTest {

  /** The tokens table as an attacker recreates it: same columns, no constraint at all. */
  private static final String LOOSE_TOKENS =
      """
      CREATE TABLE loose (id INTEGER PRIMARY KEY, name TEXT, hash_algorithm TEXT, hash BLOB,
        created_at INTEGER, created_by INTEGER, updated_at INTEGER, updated_by INTEGER,
        expiry INTEGER, description TEXT, status TEXT, permissions TEXT, last_used_at INTEGER);
      """;

  private static final String KNOWN_HASH = "x'" + "ab".repeat(64) + "'";

  @TempDir Path temp;

  private Path data() {
    return temp.resolve("data");
  }

  /** A good backup holding {@code _admin} (id 0) and {@code ci} (id 1), next id 2. */
  private Path backup(String name) {
    Path source = temp.resolve("source-" + name);
    try (SqliteStore store = SqliteStores.open(source)) {
      store.tokens().insert(newToken("_admin"));
      store.tokens().insert(newToken("ci"));
    }
    Path backup = temp.resolve(name + ".db");
    SqliteStores.backup(source, backup, false);
    return backup;
  }

  private Path tampered(String name, String... statements) {
    Path file = backup(name);
    try (RawSqlite raw = RawSqlite.open(file)) {
      for (String statement : statements) {
        raw.execute(statement);
      }
    }
    return file;
  }

  private static String[] rebuiltWithoutConstraints(String table, String create, String... then) {
    return Stream.concat(
            Stream.of(
                create,
                "INSERT INTO loose SELECT * FROM " + table,
                "DROP TABLE " + table,
                "ALTER TABLE loose RENAME TO " + table),
            Stream.of(then))
        .toArray(String[]::new);
  }

  /**
   * {@code restore} refuses the file and leaves the data directory as it was; a store opened on a
   * copy of it refuses to start and leaves the copy as it was; both say the same thing.
   */
  private void assertRefused(Path file, String... problems) throws IOException {
    try (SqliteStore store = SqliteStores.open(data())) {
      store.tokens().insert(newToken("_admin", "apiv3_current"));
    }
    Map<String, String> before = contents(data());

    assertThatThrownBy(() -> SqliteStores.restore(file, data()))
        .isInstanceOf(StoreException.class)
        .hasMessageStartingWith("cannot restore from " + file)
        .hasMessageContaining("it is not a store as Tollgate writes it")
        .hasMessageContainingAll(problems)
        .hasMessageNotContaining("\n");
    assertThat(contents(data())).isEqualTo(before);

    Path served = temp.resolve("served-" + file.getFileName());
    Files.createDirectories(served);
    Path db = served.resolve(SqliteStores.DATABASE_FILE_NAME);
    Files.copy(file, db);
    Map<String, String> servedBefore = contents(served);
    assertThatThrownBy(() -> SqliteStores.open(served))
        .isInstanceOf(StoreException.class)
        .hasMessageStartingWith("cannot open the token store " + db)
        .hasMessageContainingAll(problems)
        .hasMessageContaining("left unchanged")
        .hasMessageNotContaining("\n");
    Map<String, String> servedAfter = contents(served);
    servedAfter.remove(DirectoryLock.FILE_NAME);
    assertThat(servedAfter).isEqualTo(servedBefore);
  }

  @Test
  void aGoodBackup_isRestoredAndOpens() {
    Path backup = backup("good");

    SqliteStores.restore(backup, data());

    try (SqliteStore store = SqliteStores.open(data())) {
      assertThat(store.tokens().findAll()).hasSize(2);
    }
  }

  @Test
  void open_aWriteBeforeTheFirstListing_isInIt() {
    try (SqliteStore store = SqliteStores.open(data())) {
      store.tokens().insert(newToken("_admin"));
    }
    try (SqliteStore store = SqliteStores.open(data())) {
      store.tokens().insert(newToken("ci"));
      store.tokens().deleteByName(io.tollgate.core.domain.TokenName.OPERATOR);

      assertThat(store.tokens().findAll()).extracting(t -> t.name().value()).containsExactly("ci");
      assertThat(store.tokens().findAll()).extracting(t -> t.name().value()).containsExactly("ci");
    }
    try (SqliteStore store = SqliteStores.open(data())) {
      assertThat(store.tokens().findAll()).extracting(t -> t.name().value()).containsExactly("ci");
    }
  }

  @Test
  void restore_refusesALoweredUserVersion() throws IOException {
    Path file = tampered("lowered", "PRAGMA user_version = " + (Migrations.LATEST - 1));

    assertRefused(file, "schema version " + (Migrations.LATEST - 1), "is not as schema version");
  }

  @Test
  void restore_refusesANullHashAndAnUpperCaseStatusInATableRebuiltWithoutConstraints()
      throws IOException {
    Path file =
        tampered(
            "null-hash",
            rebuiltWithoutConstraints(
                "tokens",
                LOOSE_TOKENS,
                "INSERT INTO tokens VALUES (2, 'ghost', 'sha512', NULL, 0, NULL, NULL, NULL, NULL,"
                    + " NULL, 'ACTIVE', '*:*:*', NULL)",
                "INSERT INTO tokens VALUES (3, 'shout', 'sha512', "
                    + KNOWN_HASH
                    + ", 0, NULL, NULL, NULL, NULL, NULL, 'ACTIVE', '*:*:*', NULL)",
                "UPDATE meta SET next_token_id = 4"));

    assertRefused(
        file,
        "table tokens is not as schema version " + Migrations.LATEST + " defines it",
        "token 2 has no hash",
        "token 3 breaks a rule: status must be \"active\" or \"inactive\"");
  }

  @Test
  void restore_refusesAShortHashInARowThatIsOtherwisePlain() throws IOException {
    // a plain row (an active admin token, nothing changed) is read in short; one whose hash is
    // not 64 bytes must still be read in full and named
    Path file =
        tampered(
            "short-hash",
            rebuiltWithoutConstraints(
                "tokens",
                LOOSE_TOKENS,
                "INSERT INTO tokens VALUES (2, 'short', 'sha512', x'"
                    + "ab".repeat(63)
                    + "', 0, NULL, NULL, NULL, NULL, NULL, 'active', '*:*:*', NULL)",
                "UPDATE meta SET next_token_id = 3"));

    assertRefused(file, "token 2 breaks a rule: a sha512 digest has 64 bytes");
  }

  @Test
  void open_refusesADatabaseWhoseTextIsNotUtf8_andLeavesItUnchanged() throws IOException {
    // a plain row's name is read as the bytes of its text, which must be UTF-8
    Path file = data().resolve(SqliteStores.DATABASE_FILE_NAME);
    Files.createDirectories(data());
    try (RawSqlite raw = RawSqlite.open(file)) {
      raw.execute("PRAGMA encoding = 'UTF-16le'");
      raw.execute("CREATE TABLE t (x TEXT)");
    }
    byte[] before = Files.readAllBytes(file);

    StoreExceptionAssert.assertRefused(data(), "its text encoding is UTF-16le, not UTF-8");
    assertThat(Files.readAllBytes(file)).isEqualTo(before);
  }

  @Test
  void restore_refusesANameWithAControlCharacter() throws IOException {
    Path file =
        tampered("control", "UPDATE tokens SET name = 'ci' || char(27) || '[31m' WHERE id = 1");

    assertRefused(file, "token 1 breaks a rule: token name must not contain control characters");
  }

  @Test
  void restore_refusesABadClusterUuidInAMetaTableRebuiltWithoutConstraints() throws IOException {
    Path file =
        tampered(
            "uuid",
            rebuiltWithoutConstraints(
                "meta",
                "CREATE TABLE loose (id INTEGER, next_token_id INTEGER, cluster_uuid TEXT,"
                    + " audit_key BLOB, next_audit_id INTEGER)",
                "UPDATE meta SET cluster_uuid = 'not-a-uuid'"));

    assertRefused(
        file,
        "table meta is not as schema version " + Migrations.LATEST + " defines it",
        "the cluster UUID is not a UUID in canonical form");
  }

  @Test
  void restore_refusesABadClusterUuidEvenWithTheSchemaIntact() throws IOException {
    Path file = tampered("uuid-only", "UPDATE meta SET cluster_uuid = 'ZZZZ'");

    assertRefused(file, "the cluster UUID is not a UUID in canonical form");
  }

  @Test
  void restore_refusesASecondOperatorToken() throws IOException {
    Path file =
        tampered(
            "two-admins",
            rebuiltWithoutConstraints(
                "tokens",
                LOOSE_TOKENS,
                "INSERT INTO tokens VALUES (2, '_admin', 'sha512', "
                    + KNOWN_HASH
                    + ", 0, NULL, NULL, NULL, NULL, NULL, 'active', '*:*:*', NULL)",
                "UPDATE meta SET next_token_id = 3"));

    assertRefused(file, "2 tokens are named _admin; at most one may be");
  }

  @Test
  void restore_refusesATriggerThatReinsertsADeletedToken() throws IOException {
    Path file =
        tampered(
            "trigger",
            "CREATE TRIGGER undelete AFTER DELETE ON tokens BEGIN INSERT INTO tokens (id, name,"
                + " hash_algorithm, hash, created_at, status, permissions) VALUES (old.id + 100,"
                + " old.name, 'sha512', "
                + KNOWN_HASH
                + ", 0, 'active', '*:*:*'); END");

    assertRefused(file, "unexpected trigger undelete on tokens");
  }

  @Test
  void restore_refusesALoweredNextTokenId() throws IOException {
    Path file = tampered("next-id", "UPDATE meta SET next_token_id = 1");

    assertRefused(file, "next_token_id 1 is not above the highest token id 1");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "CREATE VIEW everything AS SELECT * FROM tokens",
        "CREATE TABLE stash (secret TEXT)",
        "CREATE INDEX tokens_by_status ON tokens (status)",
        "DROP INDEX audit_log_action_at"
      })
  void restore_refusesAnyObjectBeyondOrShortOfTheSchema(String change) throws IOException {
    Path file = tampered("object-" + Math.abs(change.hashCode()), change);

    assertRefused(
        file,
        change.startsWith("DROP")
            ? "index audit_log_action_at on audit_log is missing"
            : "unexpected ");
  }

  @Test
  void restore_refusesTrailingBytesAfterTheLastPage_aSparseGibibyte() throws IOException {
    try (SqliteStore store = SqliteStores.open(data())) {
      store.tokens().insert(newToken("_admin", "apiv3_current"));
    }
    Map<String, String> before = contents(data());
    Path file = backup("sparse");
    long size = Files.size(file);
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.setLength(size + (1L << 30));
    }

    assertThatThrownBy(() -> SqliteStores.restore(file, data()))
        .isInstanceOf(StoreException.class)
        .hasMessageStartingWith("cannot restore from " + file)
        .hasMessageContaining((size + (1L << 30)) + " bytes long but its database ends at " + size);
    assertThat(contents(data())).isEqualTo(before);
    try (Stream<Path> files = Files.list(data())) {
      assertThat(files.filter(f -> f.getFileName().toString().endsWith(".restoring"))).isEmpty();
    }
  }

  private static Map<String, String> contents(Path dir) throws IOException {
    Map<String, String> contents = new TreeMap<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.toList()) {
        contents.put(file.getFileName().toString(), MigrationsTest.sha256(file));
      }
    }
    return contents;
  }
}
