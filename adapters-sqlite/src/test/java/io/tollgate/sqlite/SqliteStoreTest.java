package io.tollgate.sqlite;

import static io.tollgate.core.testing.TestTokens.newToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.core.domain.Actor;
import io.tollgate.core.domain.AuditEntry;
import io.tollgate.core.domain.StoreException;
import io.tollgate.core.domain.Token;
import io.tollgate.core.domain.TokenId;
import io.tollgate.core.domain.TokenName;
import io.tollgate.core.domain.TokenNameAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteStoreTest {

  @TempDir Path tempDir;

  private Path dataDir() {
    return tempDir.resolve("data");
  }

  @Test
  void open_usesWalFullSyncBusyTimeoutAndForeignKeys() {
    try (SqliteStore store = SqliteStores.open(dataDir())) {
      SqliteTokenStore repository = (SqliteTokenStore) store;
      List<String> pragmas =
          repository.withWriter(
              h ->
                  List.of(
                      h.createQuery("PRAGMA journal_mode").mapTo(String.class).one(),
                      h.createQuery("PRAGMA synchronous").mapTo(String.class).one(),
                      h.createQuery("PRAGMA busy_timeout").mapTo(String.class).one(),
                      h.createQuery("PRAGMA foreign_keys").mapTo(String.class).one()));

      assertThat(pragmas).containsExactly("wal", "2", "5000", "1");
    }
    try (RawSqlite raw = RawSqlite.open(dataDir().resolve("tollgate.db"))) {
      assertThat(raw.single("PRAGMA journal_mode")).isEqualTo("wal");
    }
  }

  @Test
  void databaseFile_isTollgateDbInTheDataDirectory() {
    try (SqliteStore store = SqliteStores.open(dataDir())) {
      assertThat(store.databaseFile()).isEqualTo(dataDir().toAbsolutePath().resolve("tollgate.db"));
      assertThat(store.databaseFile()).exists();
    }
  }

  @Test
  void reads_areNotBlockedByAnotherConnectionsOpenWriteTransaction() {
    StoreOptions options = new StoreOptions(Duration.ofSeconds(3), 2);
    try (SqliteStore store = SqliteStores.open(dataDir(), options);
        RawSqlite other = RawSqlite.open(store.databaseFile())) {
      Token committed = store.tokens().insert(newToken("committed"));
      other.execute("BEGIN IMMEDIATE");
      other.execute(
          "INSERT INTO tokens (id, name, hash_algorithm, hash, created_at, status, permissions)"
              + " VALUES (99, 'uncommitted', 'sha512', zeroblob(64), 0, 'active', '*:*:*')");

      long start = System.nanoTime();
      List<Token> all = store.tokens().findAll();
      Duration took = Duration.ofNanos(System.nanoTime() - start);

      assertThat(all).containsExactly(committed);
      assertThat(took).isLessThan(Duration.ofSeconds(1));
      other.execute("ROLLBACK");
    }
  }

  @Test
  void writes_waitForAShortLockHeldByAnotherConnection() throws Exception {
    try (SqliteStore store = SqliteStores.open(dataDir());
        RawSqlite other = RawSqlite.open(store.databaseFile())) {
      other.execute("BEGIN IMMEDIATE");
      ExecutorService executor = Executors.newSingleThreadExecutor();
      try {
        Future<Token> insert = executor.submit(() -> store.tokens().insert(newToken("patient")));
        Thread.sleep(300);
        assertThat(insert).isNotDone();
        other.execute("COMMIT");

        assertThat(insert.get(5, TimeUnit.SECONDS).id()).isEqualTo(TokenId.of(0));
      } finally {
        executor.shutdownNow();
      }
    }
  }

  @Test
  void writes_failWithAStoreErrorNamingTheFileWhenTheLockOutlastsTheBusyTimeout() {
    StoreOptions options = new StoreOptions(Duration.ofMillis(200), 2);
    try (SqliteStore store = SqliteStores.open(dataDir(), options);
        RawSqlite other = RawSqlite.open(store.databaseFile())) {
      other.execute("BEGIN IMMEDIATE");

      assertThatThrownBy(() -> store.tokens().insert(newToken("blocked")))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining(store.databaseFile().toString())
          .hasMessageContaining("locked")
          .hasMessageNotContaining("apiv3_");

      other.execute("ROLLBACK");
      assertThat(store.tokens().insert(newToken("after")).id()).isEqualTo(TokenId.of(0));
      assertThat(store.tokens().findAll())
          .extracting(Token::name)
          .containsExactly(TokenName.of("after"));
    }
  }

  @Test
  void insert_ofOneNameFromManyThreadsAtOnce_storesOneAndRejectsTheOthers() throws Exception {
    int threads = 8;
    try (SqliteStore store = SqliteStores.open(dataDir())) {
      CyclicBarrier start = new CyclicBarrier(threads);
      ExecutorService executor = Executors.newFixedThreadPool(threads);
      List<Future<Token>> attempts = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        String secret = "apiv3_contender-" + i;
        attempts.add(
            executor.submit(
                () -> {
                  start.await();
                  return store.tokens().insert(newToken("contested", secret));
                }));
      }
      int stored = 0;
      int rejected = 0;
      for (Future<Token> attempt : attempts) {
        try {
          attempt.get(10, TimeUnit.SECONDS);
          stored++;
        } catch (java.util.concurrent.ExecutionException e) {
          assertThat(e.getCause()).isInstanceOf(TokenNameAlreadyExistsException.class);
          rejected++;
        }
      }
      executor.shutdown();

      assertThat(stored).isEqualTo(1);
      assertThat(rejected).isEqualTo(threads - 1);
      assertThat(store.tokens().findAll()).hasSize(1);
      assertThat(store.tokens().insert(newToken("next")).id()).isEqualTo(TokenId.of(1));
    }
  }

  @Test
  void backupTo_writesAnOwnerOnlyCopyThatOpensAsTheSameStore() throws Exception {
    Path backup = tempDir.resolve("backup.db");
    Files.writeString(backup, "an older backup");
    Files.setPosixFilePermissions(backup, PosixFilePermissions.fromString("rw-r--r--"));
    List<Token> tokens;
    java.util.UUID clusterId;
    try (SqliteStore store = SqliteStores.open(dataDir())) {
      store.tokens().insert(newToken("_admin"));
      store.tokens().insert(newToken("ci"));
      store.tokens().deleteByName(TokenName.of("ci"));
      store.tokens().insert(newToken("deploy"));
      tokens = store.tokens().findAll();
      clusterId = store.clusterId();

      store.backupTo(backup);

      store.tokens().insert(newToken("after-backup"));
    }

    assertThat(Files.getPosixFilePermissions(backup))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(tempDir).isDirectoryNotContaining("glob:**.partial");
    Path restored = tempDir.resolve("restored");
    Files.createDirectory(restored);
    Files.copy(backup, restored.resolve("tollgate.db"));
    try (SqliteStore copy = SqliteStores.open(restored)) {
      assertThat(copy.tokens().findAll()).isEqualTo(tokens);
      assertThat(copy.clusterId()).isEqualTo(clusterId);
      assertThat(copy.tokens().insert(newToken("next")).id()).isEqualTo(TokenId.of(3));
    }
  }

  @Test
  void backupTo_aMissingDirectory_failsWithAStoreErrorNamingIt() {
    try (SqliteStore store = SqliteStores.open(dataDir())) {
      Path target = tempDir.resolve("no-such-dir").resolve("backup.db");

      assertThatThrownBy(() -> store.backupTo(target))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining(target.getParent().toString());
    }
  }

  @Test
  void closedStore_refusesEveryCallWithAClearError() {
    SqliteStore store = SqliteStores.open(dataDir());
    store.close();
    store.close();

    assertThatThrownBy(() -> store.tokens().findAll())
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("closed")
        .hasMessageContaining(store.databaseFile().toString());
    assertThatThrownBy(() -> store.tokens().insert(newToken("late")))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("closed");
  }

  private static final Instant T0 = Instant.parse("2026-01-02T03:04:05.678Z");

  @Test
  void auditLog_keepsEntriesInOrderAcrossARestart() {
    AuditEntry first = new AuditEntry(T0, "token.created", "_admin", Actor.BOOTSTRAP);
    AuditEntry second =
        new AuditEntry(
            T0.plusMillis(1), "token.deleted", "ci", new Actor(TokenId.of(0), "token 0"));
    try (SqliteStore store = SqliteStores.open(dataDir())) {
      store.auditLog().record(first);
      store.auditLog().record(second);
      assertThat(store.auditLog().entries()).containsExactly(first, second);
    }
    try (SqliteStore store = SqliteStores.open(dataDir())) {
      assertThat(store.auditLog().entries()).containsExactly(first, second);
    }
  }

  @Test
  void auditLog_leavesTheWriterSyncingFullyAfterwards() {
    try (SqliteStore store = SqliteStores.open(dataDir())) {
      store.auditLog().record(new AuditEntry(T0, "token.created", "_admin", Actor.BOOTSTRAP));
      int synchronous =
          ((SqliteTokenStore) store)
              .withWriter(h -> h.createQuery("PRAGMA synchronous").mapTo(Integer.class).one());
      assertThat(synchronous).isEqualTo(2); // FULL
    }
  }

  @Test
  void recoveryCode_isReplacedKeptAcrossARestartAndSpentOnlyIfStillCurrent() {
    try (SqliteStore store = SqliteStores.open(dataDir())) {
      assertThat(store.recoveryCodes().currentHash()).isEmpty();
      store.recoveryCodes().replace("$argon2id$first", T0);
      store.recoveryCodes().replace("$argon2id$second", T0.plusSeconds(1));
      assertThat(store.recoveryCodes().currentHash()).contains("$argon2id$second");
      assertThat(store.recoveryCodes().consume("$argon2id$first")).isFalse();
    }
    try (SqliteStore store = SqliteStores.open(dataDir())) {
      assertThat(store.recoveryCodes().currentHash()).contains("$argon2id$second");
      assertThat(store.recoveryCodes().consume("$argon2id$second")).isTrue();
      assertThat(store.recoveryCodes().consume("$argon2id$second")).isFalse();
      assertThat(store.recoveryCodes().currentHash()).isEmpty();
    }
  }

  @Test
  void aFailedTransaction_leavesTheKeptStatementsUsable() {
    try (SqliteStore store = SqliteStores.open(dataDir())) {
      store.tokens().insert(newToken("ci"));

      assertThatThrownBy(
              () ->
                  store.inTransaction(
                      tx -> {
                        tx.audit(new AuditEntry(T0, "token.created", "ci", Actor.BOOTSTRAP));
                        return tx.tokens().insert(newToken("ci", "apiv3_another-secret"));
                      }))
          .isInstanceOf(io.tollgate.core.domain.TokenNameAlreadyExistsException.class);

      assertThat(store.auditLog().entries()).isEmpty();
      assertThat(store.tokens().insert(newToken("next")).name()).isEqualTo(TokenName.of("next"));
    }
  }
}
