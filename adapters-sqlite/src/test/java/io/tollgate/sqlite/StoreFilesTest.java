package io.tollgate.sqlite;

import static io.tollgate.core.testing.TestTokens.newToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.core.domain.StoreException;
import io.tollgate.core.domain.Token;
import io.tollgate.core.domain.TokenId;
import io.tollgate.core.domain.TokenName;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Listing, backup and restore on a data directory without owning it (SqliteStores' statics). */
class StoreFilesTest {

  private static final String OWNER_ONLY = "rw-------";

  @TempDir Path temp;

  private Path data() {
    return temp.resolve("data");
  }

  private List<Token> seed(Path dataDir, String... names) {
    try (SqliteStore store = SqliteStores.open(dataDir)) {
      for (String name : names) {
        store.tokens().insert(newToken(name));
      }
      return store.tokens().findAll();
    }
  }

  @Test
  void backup_whileAStoreIsOpenAndBeingWritten_isAConsistentOwnerOnlyCopyThatOpens()
      throws Exception {
    ExecutorService writerThread = Executors.newSingleThreadExecutor();
    List<Path> backups = new ArrayList<>();
    List<Token> finalTokens;
    try (SqliteStore store = SqliteStores.open(data())) {
      store.tokens().insert(newToken("_admin"));
      AtomicBoolean stop = new AtomicBoolean();
      Future<Integer> writes =
          writerThread.submit(
              () -> {
                int n = 0;
                while (!stop.get()) {
                  store.tokens().insert(newToken("t" + n++));
                  if (n % 7 == 0) {
                    store.tokens().deleteByName(TokenName.of("t" + (n - 3)));
                  }
                }
                return n;
              });
      for (int i = 0; i < 5; i++) {
        Thread.sleep(40);
        Path backup = temp.resolve("backup-" + i + ".db");
        SqliteStores.backup(data(), backup, false);
        backups.add(backup);
      }
      stop.set(true);
      assertThat(writes.get()).as("writes happened during the backups").isGreaterThan(5);
      finalTokens = store.tokens().findAll();
      Path last = temp.resolve("final.db");
      SqliteStores.backup(data(), last, false);
      backups.add(last);
    } finally {
      writerThread.shutdownNow();
    }

    assertThat(temp).isDirectoryNotContaining("glob:**.partial");
    for (Path backup : backups) {
      assertThat(Files.getPosixFilePermissions(backup))
          .isEqualTo(PosixFilePermissions.fromString(OWNER_ONLY));
      assertThat(Files.exists(Path.of(backup + "-wal"))).isFalse();
      try (RawSqlite raw = RawSqlite.open(backup)) {
        assertThat(raw.single("PRAGMA integrity_check")).isEqualTo("ok");
        // One snapshot: the id counter matches the rows of the same moment.
        long next = raw.count("SELECT next_token_id FROM meta");
        long maxId = raw.count("SELECT max(id) FROM tokens");
        assertThat(next).isEqualTo(maxId + 1);
      }
      Path restored = temp.resolve("open-" + backup.getFileName());
      Files.createDirectory(restored);
      Files.copy(backup, restored.resolve(SqliteStores.DATABASE_FILE_NAME));
      try (SqliteStore copy = SqliteStores.open(restored)) {
        assertThat(copy.tokens().findByName(TokenName.OPERATOR)).isPresent();
      }
    }
    Path restoredLast = temp.resolve("open-final.db");
    try (SqliteStore copy = SqliteStores.open(restoredLast)) {
      assertThat(copy.tokens().findAll()).isEqualTo(finalTokens);
    }
  }

  @Test
  void backup_refusesAnExistingOutputUnlessReplacing_andTheStoreItself() throws IOException {
    List<Token> tokens = seed(data(), "_admin", "ci");
    Path output = temp.resolve("backup.db");
    Files.writeString(output, "keep me");

    assertThatThrownBy(() -> SqliteStores.backup(data(), output, false))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining(output.toString())
        .hasMessageContaining("already exists");
    assertThat(Files.readString(output)).isEqualTo("keep me");

    Path own = data().resolve(SqliteStores.DATABASE_FILE_NAME);
    assertThatThrownBy(() -> SqliteStores.backup(data(), own, true))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("onto itself");

    SqliteStores.backup(data(), output, true);
    assertThat(SqliteStores.verifyBackup(output)).isEqualTo(Migrations.LATEST);
    assertThat(readTokensOf(output)).isEqualTo(tokens);
  }

  @Test
  void backupAndList_withoutAStore_failNamingTheDirectoryAndCreateNothing() {
    Path missing = temp.resolve("nowhere");

    assertThatThrownBy(() -> SqliteStores.backup(missing, temp.resolve("b.db"), false))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining(missing.toString());
    assertThatThrownBy(() -> SqliteStores.readTokens(missing))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining(missing.toString());
    assertThat(missing).doesNotExist();
    assertThat(temp.resolve("b.db")).doesNotExist();
  }

  @Test
  void readTokens_worksWhileAStoreHoldsTheDirectory() {
    try (SqliteStore store = SqliteStores.open(data())) {
      store.tokens().insert(newToken("_admin"));
      store.tokens().insert(newToken("ci"));

      assertThat(SqliteStores.readTokens(data())).isEqualTo(store.tokens().findAll());

      store.tokens().insert(newToken("later"));
      assertThat(SqliteStores.readTokens(data())).hasSize(3);
    }
  }

  @Test
  void restore_whileAStoreHoldsTheDirectory_isRefusedAndChangesNothing() throws IOException {
    seed(temp.resolve("source"), "_admin", "from-backup");
    Path backup = temp.resolve("backup.db");
    SqliteStores.backup(temp.resolve("source"), backup, false);
    try (SqliteStore store = SqliteStores.open(data())) {
      store.tokens().insert(newToken("_admin"));
      Map<String, String> before = contents(data());

      assertThatThrownBy(() -> SqliteStores.restore(backup, data()))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining(data().toAbsolutePath().toString())
          .hasMessageContaining("already open");

      assertThat(contents(data())).isEqualTo(before);
      assertThat(store.tokens().findAll())
          .extracting(t -> t.name().value())
          .containsExactly("_admin");
    }
  }

  @Test
  void restore_refusesAFileThatIsNotSqlite_orEmpty_orWithoutTollgateSchema_orNewer_orDamaged()
      throws Exception {
    seed(data(), "_admin", "current");
    Map<String, String> before = contents(data());

    Path text = temp.resolve("notes.txt");
    Files.writeString(text, "this is not a database, not even close. ".repeat(20));
    Path empty = temp.resolve("empty.db");
    Files.createFile(empty);
    Path foreign = temp.resolve("foreign.db");
    try (RawSqlite raw = RawSqlite.open(foreign)) {
      raw.execute("CREATE TABLE things (id INTEGER PRIMARY KEY, what TEXT)");
      raw.execute("INSERT INTO things (what) VALUES ('x')");
    }
    Path emptySqlite = temp.resolve("empty-sqlite.db");
    try (RawSqlite raw = RawSqlite.open(emptySqlite)) {
      raw.execute("PRAGMA user_version = 0");
      raw.execute("VACUUM");
    }
    seed(temp.resolve("other"), "_admin");
    Path newer = temp.resolve("newer.db");
    SqliteStores.backup(temp.resolve("other"), newer, false);
    try (RawSqlite raw = RawSqlite.open(newer)) {
      raw.execute("PRAGMA user_version = " + (Migrations.LATEST + 1));
    }
    Path damaged = temp.resolve("damaged.db");
    SqliteStores.backup(temp.resolve("other"), damaged, false);
    byte[] bytes = Files.readAllBytes(damaged);
    for (int i = 4096 + 8; i < Math.min(bytes.length, 2 * 4096); i++) {
      bytes[i] = (byte) 0xA5;
    }
    Files.write(damaged, bytes);

    Map<Path, String> refusals = new TreeMap<>();
    refusals.put(text, "not a SQLite database");
    refusals.put(empty, "empty");
    refusals.put(foreign, "not a Tollgate store");
    refusals.put(emptySqlite, "not a Tollgate store");
    refusals.put(newer, "schema version " + (Migrations.LATEST + 1));
    refusals.put(damaged, "");
    refusals.put(temp.resolve("missing.db"), "does not exist");
    refusals.put(temp, "not a regular file");
    for (Map.Entry<Path, String> refusal : refusals.entrySet()) {
      assertThatThrownBy(() -> SqliteStores.restore(refusal.getKey(), data()))
          .as(refusal.getKey().toString())
          .isInstanceOf(StoreException.class)
          .hasMessageContaining(refusal.getKey().toString())
          .hasMessageContaining(refusal.getValue());
      assertThat(contents(data())).as(refusal.getKey().toString()).isEqualTo(before);
    }
    assertThat(SqliteStores.readTokens(data()))
        .extracting(t -> t.name().value())
        .containsExactly("_admin", "current");
  }

  @Test
  void restore_replacesTheStoreAtomically_dropsTheOldWal_andKeepsModes() throws Exception {
    List<Token> backedUp = seed(temp.resolve("source"), "_admin", "kept");
    Path backup = temp.resolve("backup.db");
    SqliteStores.backup(temp.resolve("source"), backup, false);
    seed(data(), "_admin", "replaced", "gone");
    Path db = data().resolve(SqliteStores.DATABASE_FILE_NAME);
    Files.writeString(Path.of(db + "-wal"), "stale WAL of the old database");

    SqliteStores.restore(backup, data());

    assertThat(Path.of(db + "-wal")).doesNotExist();
    assertThat(Files.getPosixFilePermissions(db))
        .isEqualTo(PosixFilePermissions.fromString(OWNER_ONLY));
    try (Stream<Path> files = Files.list(data())) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder(SqliteStores.DATABASE_FILE_NAME, DirectoryLock.FILE_NAME);
    }
    try (SqliteStore store = SqliteStores.open(data())) {
      assertThat(store.tokens().findAll()).isEqualTo(backedUp);
      assertThat(store.tokens().insert(newToken("next")).id()).isEqualTo(TokenId.of(2));
    }
  }

  @Test
  void restore_intoAMissingDirectory_createsItOwnerOnly() throws IOException {
    List<Token> backedUp = seed(temp.resolve("source"), "_admin");
    Path backup = temp.resolve("backup.db");
    SqliteStores.backup(temp.resolve("source"), backup, false);
    Path fresh = temp.resolve("fresh");

    SqliteStores.restore(backup, fresh);

    assertThat(Files.getPosixFilePermissions(fresh))
        .isEqualTo(PosixFilePermissions.fromString("rwx------"));
    assertThat(SqliteStores.readTokens(fresh)).isEqualTo(backedUp);
  }

  @Test
  void restore_ofAnOlderSchemaBackup_isMigratedWhenOpened() throws IOException {
    Path old = temp.resolve("v1.db");
    Token operator = newToken("_admin").withId(TokenId.of(0));
    Jdbi jdbi = Jdbi.create("jdbc:sqlite:" + old).installPlugin(new SqlObjectPlugin());
    jdbi.registerRowMapper(Token.class, new TokenRowMapper());
    try (Handle handle = jdbi.open()) {
      Migrations.migrate(handle, old, 1);
      // the columns of schema version 1, as a Tollgate of that version wrote them
      TokenColumns row = TokenColumns.of(operator);
      handle
          .createUpdate(
              "INSERT INTO tokens (id, name, hash_algorithm, hash, created_at, status, permissions)"
                  + " VALUES (:id, :name, :hashAlgorithm, :hash, :createdAt, :status, :permissions)")
          .bind("id", row.id())
          .bind("name", row.name())
          .bind("hashAlgorithm", row.hashAlgorithm())
          .bind("hash", row.hash())
          .bind("createdAt", row.createdAt())
          .bind("status", row.status())
          .bind("permissions", row.permissions())
          .execute();
      handle.attach(TokenDao.class).setNextTokenId(4);
    }
    assertThat(SqliteStores.verifyBackup(old)).isEqualTo(1);
    seed(data(), "_admin", "newer-data");

    SqliteStores.restore(old, data());

    try (SqliteStore store = SqliteStores.open(data())) {
      SqliteTokenStore repository = (SqliteTokenStore) store;
      assertThat(repository.withWriter(Migrations::userVersion)).isEqualTo(Migrations.LATEST);
      assertThat(store.tokens().findAll()).containsExactly(operator);
      assertThat(store.tokens().insert(newToken("next")).id()).isEqualTo(TokenId.of(4));
    }
  }

  private static List<Token> readTokensOf(Path databaseFile) throws IOException {
    Path dir = Files.createTempDirectory(databaseFile.getParent(), "read");
    Files.copy(databaseFile, dir.resolve(SqliteStores.DATABASE_FILE_NAME));
    return SqliteStores.readTokens(dir);
  }

  /** Every file of {@code dir} with its bytes: what "untouched" is checked against. */
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
