package io.tollgate.postgres;

import static io.tollgate.core.testing.TestTokens.hashOf;
import static io.tollgate.core.testing.TestTokens.newToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.core.domain.StoreException;
import io.tollgate.core.domain.Token;
import io.tollgate.core.domain.TokenId;
import io.tollgate.core.port.out.StoreSnapshot;
import io.tollgate.core.port.out.StoreSnapshotContract;
import io.tollgate.core.port.out.TokenStore;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Core's snapshot contract (what {@code store copy} needs) on real PostgreSQL databases, and what
 * only a shared store adds: every running node hears of every copied token.
 */
class SnapshotCopyIT extends StoreSnapshotContract {

  private static TestDatabase first;
  private static TestDatabase second;

  private final Map<TokenStore, TestDatabase> databases = new IdentityHashMap<>();

  @BeforeAll
  static void createDatabases() {
    first = TestPostgres.freshDatabase();
    second = TestPostgres.freshDatabase();
  }

  @AfterAll
  static void dropDatabases() {
    first.close();
    second.close();
  }

  @Override
  protected TokenStore newStore() {
    TestDatabase database = databases.isEmpty() ? first : second;
    database.reset();
    PostgresStore store = PostgresStores.open(database.url());
    databases.put(store, database);
    return store;
  }

  @Override
  protected TokenStore reopen(TokenStore store) {
    TestDatabase database = databases.remove(store);
    store.close();
    PostgresStore reopened = PostgresStores.open(database.url());
    databases.put(reopened, database);
    return reopened;
  }

  @Test
  void import_tellsEveryRunningNodeOfEveryToken() throws Exception {
    StoreSnapshot copied = fillSource();
    BlockingQueue<TokenId> told = new LinkedBlockingQueue<>();
    try (PostgresStore otherNode = PostgresStores.open(databases.get(target).url())) {
      otherNode.onChangeElsewhere(told::add);

      target.importSnapshot(copied);

      for (Token token : copied.tokens()) {
        assertThat(told.poll(2, TimeUnit.SECONDS)).isEqualTo(token.id());
      }
    }
  }

  @Test
  void import_intoAStoreThatHoldsAnything_namesTheDatabase_neverItsPassword() {
    StoreSnapshot copied = fillSource();
    target.tokens().insert(newToken("there"));

    assertThatThrownBy(() -> target.importSnapshot(copied))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining(databases.get(target).name())
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("password="));
  }

  @Test
  void import_ofTwoTokensWithOneName_namesTheConstraint() {
    Token one = newToken("same").withId(TokenId.of(0));
    Token two = newToken("same", "apiv3_other").withId(TokenId.of(1));
    StoreSnapshot broken =
        new StoreSnapshot(
            UUID.randomUUID(), 2, List.of(one, two), List.of(), List.of(), new byte[32], null);

    assertThatThrownBy(() -> target.importSnapshot(broken))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("tokens_name_key");
    assertThat(target.tokens().findByHash(hashOf("apiv3_other"))).isEmpty();
  }
}
