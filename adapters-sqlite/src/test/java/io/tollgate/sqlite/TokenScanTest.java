package io.tollgate.sqlite;

import static io.tollgate.core.testing.TestTokens.T0;
import static io.tollgate.core.testing.TestTokens.hashOf;
import static io.tollgate.core.testing.TestTokens.newResourceToken;
import static io.tollgate.core.testing.TestTokens.newToken;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.core.domain.Description;
import io.tollgate.core.domain.Expiry;
import io.tollgate.core.domain.Token;
import io.tollgate.core.domain.TokenId;
import io.tollgate.core.domain.TokenName;
import io.tollgate.core.domain.TokenStatus;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link TokenScan}: plain rows read in short, any other row in full, the same tokens either way.
 */
class TokenScanTest {

  @TempDir Path tempDir;

  @Test
  void findAll_readsPlainAndChangedRowsWithEveryField() {
    try (SqliteStore store = SqliteStores.open(tempDir.resolve("data"))) {
      store.tokens().insert(newToken("plain"));
      store.tokens().insert(newToken("by-someone", "apiv3_b", TokenId.of(0), Expiry.NEVER));
      store.tokens().insert(newToken("expiring", "apiv3_e", null, Expiry.at(T0.plusSeconds(60))));
      Token described = store.tokens().insert(newToken("described", "apiv3_d"));
      store
          .tokens()
          .updateDetails(
              described.name(),
              Description.of("ci runner"),
              TokenStatus.ACTIVE,
              T0.plusSeconds(1),
              TokenId.of(0));
      Token inactive = store.tokens().insert(newToken("inactive", "apiv3_i"));
      store
          .tokens()
          .updateDetails(inactive.name(), null, TokenStatus.INACTIVE, T0.plusSeconds(2), null);
      Token regenerated = store.tokens().insert(newToken("regenerated", "apiv3_r"));
      store
          .tokens()
          .replaceHash(
              regenerated.id(), regenerated.hash(), hashOf("apiv3_r2"), T0.plusSeconds(3), null);
      store.tokens().insert(newResourceToken("reader", "db:a,b:read system:ping:read"));
      Token deleted = store.tokens().insert(newToken("deleted", "apiv3_x"));
      store.tokens().deleteByName(deleted.name());

      List<Token> all = store.tokens().findAll();

      List<String> names =
          List.of(
              "plain", "by-someone", "expiring", "described", "inactive", "regenerated", "reader");
      assertThat(all)
          .containsExactlyElementsOf(
              names.stream()
                  .map(n -> store.tokens().findByName(TokenName.of(n)).orElseThrow())
                  .toList());
      assertThat(all.get(0).permissions()).isSameAs(Token.ADMIN_PERMISSIONS);
      assertThat(all.get(3).description()).isEqualTo(Description.of("ci runner"));
      assertThat(all.get(4).status()).isEqualTo(TokenStatus.INACTIVE);
      assertThat(all.get(5).hash()).isEqualTo(hashOf("apiv3_r2"));
      assertThat(all.get(6).permissions().text()).isEqualTo("db:a,b:read system:ping:read");
    }
  }

  @Test
  void findAll_givesTokensWithTheSamePermissionsOneSharedValue() {
    try (SqliteStore store = SqliteStores.open(tempDir.resolve("data"))) {
      store.tokens().insert(newResourceToken("one", "db:a:read system:ping:read"));
      store.tokens().insert(newResourceToken("two", "db:a:read system:ping:read"));
      store.tokens().insert(newResourceToken("three", "db:b:read"));

      List<Token> all = store.tokens().findAll();

      assertThat(all.get(0).permissions()).isSameAs(all.get(1).permissions());
      assertThat(all.get(2).permissions().text()).isEqualTo("db:b:read");
    }
  }

  @Test
  void findAll_givesConsecutiveTokensOfOneCreatorOneSharedCreatorId() {
    try (SqliteStore store = SqliteStores.open(tempDir.resolve("data"))) {
      store.tokens().insert(newToken("a", "apiv3_a", TokenId.of(7), Expiry.NEVER));
      store.tokens().insert(newToken("b", "apiv3_b", TokenId.of(7), Expiry.NEVER));
      store.tokens().insert(newToken("c", "apiv3_c", TokenId.of(8), Expiry.NEVER));
      store.tokens().insert(newToken("d", "apiv3_d", null, Expiry.NEVER));

      List<Token> all = store.tokens().findAll();

      assertThat(all.get(0).createdBy()).isEqualTo(TokenId.of(7)).isSameAs(all.get(1).createdBy());
      assertThat(all.get(2).createdBy()).isEqualTo(TokenId.of(8));
      assertThat(all.get(3).createdBy()).isNull();
    }
  }

  @Test
  void findAll_ofAnEmptyStoreIsEmpty() {
    try (SqliteStore store = SqliteStores.open(tempDir.resolve("data"))) {
      assertThat(store.tokens().findAll()).isEmpty();
    }
  }
}
