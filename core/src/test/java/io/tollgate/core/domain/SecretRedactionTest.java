package io.tollgate.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.core.testing.TestTokens;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SecretRedactionTest {

  private static final String SECRET = "apiv3_very-secret-token-string-0123456789";

  @Test
  void tokenSecret_toStringDoesNotRevealTheSecret() {
    assertThat(new TokenSecret(SECRET).toString()).doesNotContain(SECRET).contains("redacted");
  }

  @Test
  void issuedToken_toStringDoesNotRevealTheSecret() {
    Token token = TestTokens.newToken("ci", SECRET).withId(TokenId.of(3));
    IssuedToken issued = new IssuedToken(token, new TokenSecret(SECRET));

    assertThat(issued.toString()).doesNotContain(SECRET).contains("ci").contains("redacted");
  }

  @Test
  void token_toStringCarriesNoSecret() {
    Token token = TestTokens.newToken("ci", SECRET).withId(TokenId.of(3));

    assertThat(token.toString()).doesNotContain(SECRET);
  }

  @Test
  void actor_toStringLeavesOutTheHashOfTheSecretItActsWith() {
    Token token = TestTokens.newToken("ci", SECRET).withId(TokenId.of(3));
    Actor actor = Actor.token(token);

    assertThat(actor.secretHash()).isEqualTo(token.hash());
    assertThat(actor.toString())
        .contains("token 3 (ci)")
        .doesNotContain(token.hash().shortHex())
        .doesNotContain(token.hash().hex());
  }

  @Test
  void importedSecret_mustStartWithThePrefixAndBeLongEnough() {
    assertThatThrownBy(() -> TokenSecret.imported("apiv2_" + "x".repeat(40)))
        .isInstanceOf(InvalidTokenSecretException.class)
        .hasMessageNotContaining("xxxx");
    assertThatThrownBy(() -> TokenSecret.imported("apiv3_short"))
        .isInstanceOf(InvalidTokenSecretException.class)
        .hasMessageNotContaining("short");
    assertThat(TokenSecret.imported("apiv3_" + "x".repeat(34)).value()).hasSize(40);
  }

  @Test
  void operatorToken_cannotCarryAnExpiry() {
    NewToken draft =
        new NewToken(
            TokenName.OPERATOR,
            TestTokens.hashOf(SECRET),
            Instant.EPOCH,
            null,
            Expiry.at(Instant.EPOCH.plusSeconds(1)),
            null);

    assertThatThrownBy(() -> draft.withId(TokenId.of(0)))
        .isInstanceOf(InvalidExpiryException.class);
  }

  @Test
  void description_isLimitedTo1024Characters() {
    assertThat(Description.of("d".repeat(1024)).value()).hasSize(1024);
    assertThatThrownBy(() -> Description.of("d".repeat(1025)))
        .isInstanceOf(InvalidDescriptionException.class);
    assertThatThrownBy(() -> Description.of("bad\u0000"))
        .isInstanceOf(InvalidDescriptionException.class);
  }

  @Test
  void status_parsesOnlyTheWireNames() {
    assertThat(TokenStatus.fromWireName("inactive")).isEqualTo(TokenStatus.INACTIVE);
    assertThatThrownBy(() -> TokenStatus.fromWireName("ACTIVE"))
        .isInstanceOf(InvalidTokenStatusException.class);
  }
}
