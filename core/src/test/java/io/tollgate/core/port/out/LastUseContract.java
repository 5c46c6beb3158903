package io.tollgate.core.port.out;

import static io.tollgate.core.testing.TestTokens.T0;
import static io.tollgate.core.testing.TestTokens.hashOf;
import static io.tollgate.core.testing.TestTokens.newToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.tollgate.core.domain.Description;
import io.tollgate.core.domain.Token;
import io.tollgate.core.domain.TokenId;
import io.tollgate.core.domain.TokenStatus;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What every {@link TokenStore} keeps of last use (SPEC section 10): one batch in one transaction,
 * never moving a time backwards, skipping deleted tokens, and no change to the token itself (no
 * updated_at, no audit entry). {@link TokenStoreContract} implements it, so every store's contract
 * test runs it.
 */
public interface LastUseContract {

  Instant USED = T0.plusSeconds(90);

  /** The store under test, fresh and empty for each test. */
  TokenStore storeUnderTest();

  @Test
  default void aNewToken_wasNeverUsed() {
    Token token = storeUnderTest().tokens().insert(newToken("ci"));

    assertThat(token.lastUsedAt()).isNull();
    assertThat(storeUnderTest().tokens().findById(token.id()).orElseThrow().lastUsedAt()).isNull();
  }

  @Test
  default void recordLastUse_showsInEveryRead_andLeavesUpdatedAtAndTheAuditLogAlone() {
    TokenStore store = storeUnderTest();
    Token token = store.tokens().insert(newToken("ci"));

    store.recordLastUse(Map.of(token.id(), USED));

    Token read = store.tokens().findById(token.id()).orElseThrow();
    assertThat(read.lastUsedAt()).isEqualTo(USED);
    assertThat(read.updatedAt()).isNull();
    assertThat(read.updatedBy()).isNull();
    assertThat(read).isEqualTo(token.withLastUsedAt(USED));
    assertThat(store.tokens().findByName(token.name())).contains(read);
    assertThat(store.tokens().findByHash(token.hash())).contains(read);
    assertThat(store.tokens().findAll()).containsExactly(read);
    List<Token> inATransaction = store.inTransaction(tx -> tx.tokens().findAll());
    assertThat(inATransaction).containsExactly(read);
    assertThat(store.auditLog().entries()).isEmpty();
  }

  @Test
  default void recordLastUse_neverMovesAStoredTimeBackwards() {
    TokenStore store = storeUnderTest();
    TokenId id = store.tokens().insert(newToken("ci")).id();

    store.recordLastUse(Map.of(id, USED));
    store.recordLastUse(Map.of(id, USED.minusSeconds(30)));
    assertThat(store.tokens().findById(id).orElseThrow().lastUsedAt()).isEqualTo(USED);

    store.recordLastUse(Map.of(id, USED.plusMillis(1)));
    assertThat(store.tokens().findById(id).orElseThrow().lastUsedAt())
        .isEqualTo(USED.plusMillis(1));
  }

  @Test
  default void recordLastUse_writesTheWholeBatch_andSkipsTokensThatNoLongerExist() {
    TokenStore store = storeUnderTest();
    Token first = store.tokens().insert(newToken("first"));
    Token gone = store.tokens().insert(newToken("gone"));
    Token third = store.tokens().insert(newToken("third"));
    store.tokens().deleteByName(gone.name());
    Map<TokenId, Instant> batch = new LinkedHashMap<>();
    batch.put(first.id(), USED);
    batch.put(gone.id(), USED);
    batch.put(TokenId.of(999_999), USED);
    batch.put(third.id(), USED.plusSeconds(1));

    store.recordLastUse(batch);

    assertThat(store.tokens().findAll())
        .extracting(Token::name, Token::lastUsedAt)
        .containsExactly(tuple(first.name(), USED), tuple(third.name(), USED.plusSeconds(1)));
    assertThat(store.tokens().findById(gone.id())).isEmpty();
  }

  @Test
  default void recordLastUse_ofNothing_changesNothing() {
    TokenStore store = storeUnderTest();
    Token token = store.tokens().insert(newToken("ci"));

    store.recordLastUse(Map.of());

    assertThat(store.tokens().findAll()).containsExactly(token);
  }

  @Test
  default void regenerationAndDetailChanges_keepTheLastUse() {
    TokenStore store = storeUnderTest();
    Token token = store.tokens().insert(newToken("ci", "apiv3_old"));
    store.recordLastUse(Map.of(token.id(), USED));

    Token regenerated =
        store
            .tokens()
            .replaceHash(token.id(), token.hash(), hashOf("apiv3_new"), T0.plusSeconds(100), null)
            .orElseThrow();
    Token updated =
        store
            .tokens()
            .updateDetails(
                token.name(),
                Description.of("kept"),
                TokenStatus.INACTIVE,
                T0.plusSeconds(200),
                null)
            .orElseThrow();

    assertThat(List.of(regenerated.lastUsedAt(), updated.lastUsedAt())).containsOnly(USED);
    assertThat(store.tokens().findById(token.id()).orElseThrow().lastUsedAt()).isEqualTo(USED);
  }
}
