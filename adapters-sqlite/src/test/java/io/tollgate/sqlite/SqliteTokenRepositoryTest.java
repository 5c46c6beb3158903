package io.tollgate.sqlite;

import io.tollgate.core.port.out.TokenRepository;
import io.tollgate.core.port.out.TokenRepositoryContract;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** Core's repository contract against a real SQLite file, closed and reopened for real. */
class SqliteTokenRepositoryTest extends TokenRepositoryContract {

  @TempDir Path tempDir;
  private final List<SqliteStore> opened = new ArrayList<>();

  @Override
  protected TokenRepository newRepository() {
    return track(SqliteStores.open(tempDir.resolve("data")));
  }

  @Override
  protected TokenRepository reopen(TokenRepository current) {
    ((SqliteStore) current).close();
    return track(SqliteStores.open(tempDir.resolve("data")));
  }

  @AfterEach
  void closeStores() {
    opened.forEach(SqliteStore::close);
  }

  private SqliteStore track(SqliteStore store) {
    opened.add(store);
    return store;
  }
}
