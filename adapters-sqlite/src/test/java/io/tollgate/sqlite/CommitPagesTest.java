package io.tollgate.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.core.domain.Actor;
import io.tollgate.core.domain.AuditEntry;
import io.tollgate.core.domain.TokenId;
import io.tollgate.core.testing.TestTokens;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How many pages a creation's commit writes to the write-ahead log. Each commit is synced to disk,
 * and on the virtual disks Tollgate is measured on the sync takes longer the more pages it carries
 * (eight 4 KiB pages about four times as long as one), so the creation rate follows this count.
 */
class CommitPagesTest {

  private static final Actor ACTOR = new Actor(TokenId.of(0), "token 0 (_admin)");

  @TempDir Path tempDir;

  @Test
  void aCreationWithItsAuditLine_writesSixPages() throws IOException {
    try (SqliteStore store = SqliteStores.open(tempDir)) {
      for (int i = 0; i < 20; i++) {
        create(store, "earlier-" + i);
      }
      Path wal = Path.of(((SqliteTokenStore) store).databaseFile() + "-wal");
      long pageSize;
      try (RawSqlite raw = RawSqlite.open(((SqliteTokenStore) store).databaseFile())) {
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        pageSize = raw.count("PRAGMA page_size");
      }
      assertThat(Files.size(wal)).isZero();

      create(store, "measured");

      long header = 32;
      long frame = 24 + pageSize;
      // meta (the next token and audit ids), the tokens table, its name and hash indexes, the
      // audit log, its index on (action, at)
      assertThat((Files.size(wal) - header) / frame).isEqualTo(6);
    }
  }

  private static void create(SqliteStore store, String name) {
    store.inTransaction(
        tx -> {
          tx.tokens().insert(TestTokens.newToken(name));
          tx.audit(new AuditEntry(Instant.now(), AuditEntry.TOKEN_CREATED, name, ACTOR));
          return null;
        });
  }
}
