package io.tollgate.postgres;

import io.tollgate.core.port.out.TokenRepository;
import io.tollgate.core.port.out.TokenRepositoryContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/** The store's committed tokens ({@link PostgresStore#tokens()}) pass the repository contract. */
class PostgresTokenRepositoryIT extends TokenRepositoryContract {

  private static TestDatabase database;
  private PostgresStore store;

  @BeforeAll
  static void createDatabase() {
    database = TestPostgres.freshDatabase();
  }

  @AfterAll
  static void dropDatabase() {
    database.close();
  }

  @Override
  protected TokenRepository newRepository() {
    closeStore();
    database.reset();
    store = PostgresStores.open(database.url());
    return store.tokens();
  }

  @Override
  protected TokenRepository reopen(TokenRepository current) {
    closeStore();
    store = PostgresStores.open(database.url());
    return store.tokens();
  }

  @AfterEach
  void closeStore() {
    if (store != null) {
      store.close();
      store = null;
    }
  }
}
