package io.tollgate.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TokenNameTest {

  @ParameterizedTest
  @ValueSource(strings = {"a", "ci-deploy", "名前", "with space", "_admin2", "emoji 🚀"})
  void names_ofOneTo128PrintableCharactersAreValid(String value) {
    assertThat(TokenName.named(value).value()).isEqualTo(value);
  }

  @Test
  void names_of128CharactersAreValidAnd129AreNot() {
    assertThat(TokenName.named("x".repeat(128)).value()).hasSize(128);
    assertThatThrownBy(() -> TokenName.named("x".repeat(129)))
        .isInstanceOf(InvalidTokenNameException.class)
        .hasMessageContaining("1 to 128");
  }

  @Test
  void names_countCodePointsNotUtf16Units() {
    String emoji = "🚀".repeat(128);

    assertThat(TokenName.named(emoji).value()).isEqualTo(emoji);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "   ", "\t", " \u3000 "})
  void names_emptyOrOnlyWhitespaceAreRejected(String value) {
    assertThatThrownBy(() -> TokenName.named(value)).isInstanceOf(InvalidTokenNameException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"a\nb", "a\u0000b", "tab\tname", "del\u007f", "c1\u0085", "ls\u2028"})
  void names_withControlCharactersAreRejected(String value) {
    assertThatThrownBy(() -> TokenName.named(value)).isInstanceOf(InvalidTokenNameException.class);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "_admin\u200b",
        "zero\u200bwidth",
        "joiner\u200d",
        "rtl\u202eevil",
        "\u2066isolate\u2069",
        "lrm\u200e",
        "bom\ufeff",
        "soft\u00adhyphen",
        "arabic\u061cmark"
      })
  void names_withInvisibleFormatCharactersAreRejectedNamingTheCharacter(String value) {
    assertThatThrownBy(() -> TokenName.of(value))
        .isInstanceOf(InvalidTokenNameException.class)
        .hasMessageContaining("must not contain invisible format characters")
        .hasMessageMatching(".*found U\\+[0-9A-F]{4}$");
  }

  @ParameterizedTest
  @ValueSource(strings = {"\uff3f\uff41\uff44\uff4d\uff49\uff4e", "_\uff41dmin", "\ufe4dadmin"})
  void names_thatNormaliseToUnderscoreAdminAreRejectedEvenAsLookups(String value) {
    assertThatThrownBy(() -> TokenName.named(value))
        .isInstanceOf(InvalidTokenNameException.class)
        .hasMessageContaining("must not look like _admin");
    assertThatThrownBy(() -> TokenName.of(value))
        .isInstanceOf(InvalidTokenNameException.class)
        .hasMessageContaining("must not look like _admin");
  }

  @ParameterizedTest
  @ValueSource(strings = {"_ADMIN", "_Admin", "_admin_", "admin", "\uff41\uff44\uff4d\uff49\uff4e"})
  void names_thatOnlyResembleUnderscoreAdminInCaseOrSpellingAreValid(String value) {
    assertThat(TokenName.named(value).isOperator()).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"x\ud800", "\udc00x", "a\udc00\ud800b", "\ud83d"})
  void names_withLoneSurrogatesAreRejectedAsInvalidUnicode(String value) {
    assertThatThrownBy(() -> TokenName.of(value))
        .isInstanceOf(InvalidTokenNameException.class)
        .hasMessageContaining("must be valid Unicode");
  }

  @Test
  void names_withAProperSurrogatePairAreValid() {
    assertThat(TokenName.named("rocket \ud83d\ude80").value()).hasSize(9);
  }

  @Test
  void names_nullIsRejected() {
    assertThatThrownBy(() -> TokenName.named(null)).isInstanceOf(InvalidTokenNameException.class);
  }

  @Test
  void names_underscoreAdminIsReservedForTheOperatorToken() {
    assertThatThrownBy(() -> TokenName.named("_admin"))
        .isInstanceOf(InvalidTokenNameException.class)
        .hasMessageContaining("reserved");
    assertThat(TokenName.of("_admin").isOperator()).isTrue();
    assertThat(TokenName.of("_Admin").isOperator()).isFalse();
  }
}
