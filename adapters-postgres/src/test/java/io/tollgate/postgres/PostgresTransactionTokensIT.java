package io.tollgate.postgres;

import io.tollgate.core.domain.Description;
import io.tollgate.core.domain.NewToken;
import io.tollgate.core.domain.Token;
import io.tollgate.core.domain.TokenHash;
import io.tollgate.core.domain.TokenId;
import io.tollgate.core.domain.TokenName;
import io.tollgate.core.domain.TokenStatus;
import io.tollgate.core.port.out.InsertThenRead;
import io.tollgate.core.port.out.TokenRepository;
import io.tollgate.core.port.out.TokenRepositoryContract;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/**
 * A transaction's tokens ({@link io.tollgate.core.port.out.StoreTransaction#tokens()}) pass the
 * repository contract: every call of the contract runs in a unit of work of its own.
 */
class PostgresTransactionTokensIT extends TokenRepositoryContract {

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
    return new EachCallInATransaction(store);
  }

  @Override
  protected TokenRepository reopen(TokenRepository current) {
    closeStore();
    store = PostgresStores.open(database.url());
    return new EachCallInATransaction(store);
  }

  @AfterEach
  void closeStore() {
    if (store != null) {
      store.close();
      store = null;
    }
  }

  /** Runs each call through the tokens of a new unit of work. */
  private record EachCallInATransaction(PostgresStore store) implements TokenRepository {

    private <T> T in(Function<TokenRepository, T> call) {
      return store.inTransaction(tx -> call.apply(tx.tokens()));
    }

    @Override
    public Token insert(NewToken token) {
      return in(tokens -> tokens.insert(token));
    }

    @Override
    public InsertThenRead insertThenRead(NewToken token, TokenId id) {
      return in(tokens -> tokens.insertThenRead(token, id));
    }

    @Override
    public Token insertImported(NewToken token) {
      return in(tokens -> tokens.insertImported(token));
    }

    @Override
    public boolean wasImported(TokenHash hash) {
      return in(tokens -> tokens.wasImported(hash));
    }

    @Override
    public Optional<Token> findByName(TokenName name) {
      return in(tokens -> tokens.findByName(name));
    }

    @Override
    public Optional<Token> findById(TokenId id) {
      return in(tokens -> tokens.findById(id));
    }

    @Override
    public Optional<Token> findByHash(TokenHash hash) {
      return in(tokens -> tokens.findByHash(hash));
    }

    @Override
    public List<Token> findAll() {
      return in(TokenRepository::findAll);
    }

    @Override
    public Optional<Token> replaceHash(
        TokenId id,
        TokenHash expected,
        TokenHash replacement,
        Instant updatedAt,
        TokenId updatedBy) {
      return in(tokens -> tokens.replaceHash(id, expected, replacement, updatedAt, updatedBy));
    }

    @Override
    public Optional<Token> updateDetails(
        TokenName name,
        Description description,
        TokenStatus status,
        Instant updatedAt,
        TokenId updatedBy) {
      return in(tokens -> tokens.updateDetails(name, description, status, updatedAt, updatedBy));
    }

    @Override
    public Optional<Token> deleteByName(TokenName name) {
      return in(tokens -> tokens.deleteByName(name));
    }

    /** Kept by the store, so it answers after a reopen closed it (as the contract asks). */
    @Override
    public UUID clusterId() {
      return store.clusterId();
    }
  }
}
