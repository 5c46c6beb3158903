package io.tollgate.sqlite;

import static io.tollgate.core.testing.TestTokens.newToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.core.domain.StoreException;
import io.tollgate.core.port.out.StoreSnapshot;
import io.tollgate.core.port.out.StoreSnapshotContract;
import io.tollgate.core.port.out.TokenStore;
import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Core's snapshot contract (what {@code store copy} needs) on real SQLite files. */
class SqliteSnapshotCopyTest extends StoreSnapshotContract {

  @TempDir Path tempDir;

  private final Map<TokenStore, Path> directories = new IdentityHashMap<>();

  @Override
  protected TokenStore newStore() {
    Path dir = tempDir.resolve("data-" + directories.size());
    SqliteStore store = SqliteStores.open(dir);
    directories.put(store, dir);
    return store;
  }

  @Override
  protected TokenStore reopen(TokenStore store) {
    Path dir = directories.remove(store);
    store.close();
    SqliteStore reopened = SqliteStores.open(dir);
    directories.put(reopened, dir);
    return reopened;
  }

  @Test
  void import_intoAStoreThatHoldsAnything_namesTheDatabaseFile() {
    StoreSnapshot copied = fillSource();
    target.tokens().insert(newToken("there"));

    assertThatThrownBy(() -> target.importSnapshot(copied))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining(((SqliteStore) target).databaseFile().toString())
        .hasMessageContaining("not empty");
  }

  @Test
  void aCopiedStore_passesTheChecksEveryOpenMakes() {
    target.importSnapshot(fillSource());
    Path dir = directories.get(target);
    target.close();

    try (SqliteStore reopened = SqliteStores.open(dir)) {
      assertThat(reopened.tokens().findAll()).isEqualTo(source.tokens().findAll());
    }
    target = SqliteStores.open(tempDir.resolve("unused"));
  }
}
