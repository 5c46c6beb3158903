package io.tollgate.core.service;

import static io.tollgate.core.testing.TestTokens.newResourceToken;
import static io.tollgate.core.testing.TestTokens.newToken;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.core.domain.Token;
import io.tollgate.core.domain.TokenId;
import io.tollgate.core.port.in.ServiceStatusUseCase.TokenCounts;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The index a store's tokens load into, below and above the size that loads on two threads. */
class TokenIndexLoadTest {

  @Test
  void aSmallStore_loadsEveryTokenByHashAndById() {
    assertLoadsEveryToken(TokenIndex.PARALLEL_LOAD - 1);
  }

  @Test
  void aLargeStore_loadedOnTwoThreads_holdsTheSameAsOneByOne() {
    assertLoadsEveryToken(TokenIndex.PARALLEL_LOAD + 1_000);
  }

  private static void assertLoadsEveryToken(int count) {
    List<Token> tokens = new ArrayList<>(count);
    tokens.add(newToken("_admin", "apiv3_operator").withId(TokenId.of(0)));
    for (int i = 1; i < count; i++) {
      tokens.add(
          i % 3 == 0
              ? newResourceToken("r" + i, "db:*:read").withId(TokenId.of(i))
              : newToken("t" + i, "apiv3_" + i).withId(TokenId.of(i)));
    }

    TokenIndex index = new TokenIndex(tokens);

    assertThat(index.size()).isEqualTo(count);
    for (Token token : tokens) {
      assertThat(index.find(token.hash()).token).isSameAs(token);
      assertThat(index.findById(token.id())).isSameAs(index.find(token.hash()));
    }
    long resource = (count - 1) / 3;
    assertThat(index.counts()).isEqualTo(new TokenCounts(1, count - 1 - resource, resource));
  }
}
