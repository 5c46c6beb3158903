package io.tollgate.sqlite;

import io.tollgate.core.port.out.TokenRepository;
import io.tollgate.core.port.out.TokenRepositoryContract;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Core's repository contract on the committed tokens of a real SQLite file, closed and reopened for
 * real.
 */
class SqliteTokensTest extends TokenRepositoryContract {

  @TempDir Path tempDir;
  private final List<SqliteStore> opened = new ArrayList<>();

  @Override
  protected TokenRepository newRepository() {
    return track(SqliteStores.open(tempDir.resolve("data"))).tokens();
  }

  @Override
  protected TokenRepository reopen(TokenRepository current) {
    opened.forEach(SqliteStore::close);
    return track(SqliteStores.open(tempDir.resolve("data"))).tokens();
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
