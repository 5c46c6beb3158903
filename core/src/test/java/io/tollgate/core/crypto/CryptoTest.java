package io.tollgate.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.core.domain.TokenHash;
import io.tollgate.core.domain.TokenSecret;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CryptoTest {

  @Test
  void secrets_areApiv3PlusBase64UrlOf64RandomBytes_92Characters() {
    TokenSecret secret = new SecureRandomSecretGenerator().generate();

    assertThat(secret.value()).hasSize(92).startsWith("apiv3_").matches("apiv3_[A-Za-z0-9_-]{86}");
  }

  @Test
  void secrets_doNotRepeat() {
    SecureRandomSecretGenerator generator = new SecureRandomSecretGenerator();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      seen.add(generator.generate().value());
    }
    assertThat(seen).hasSize(1000);
  }

  @Test
  void hash_isSha512OfTheWholeStringPrefixIncluded() {
    TokenHash hash = new Sha512TokenHasher().hash("apiv3_abc");

    assertThat(hash.algorithm()).isEqualTo("sha512");
    // sha512("apiv3_abc") computed independently with `printf %s apiv3_abc | sha512sum`
    assertThat(hash.hex()).isEqualTo(EXPECTED_SHA512_OF_APIV3_ABC);
    assertThat(hash.shortHex()).isEqualTo(EXPECTED_SHA512_OF_APIV3_ABC.substring(0, 9));
  }

  @Test
  void hash_equalityFollowsTheDigestBytes() {
    Sha512TokenHasher hasher = new Sha512TokenHasher();

    assertThat(hasher.hash("apiv3_a")).isEqualTo(hasher.hash("apiv3_a"));
    assertThat(hasher.hash("apiv3_a")).hasSameHashCodeAs(hasher.hash("apiv3_a"));
    assertThat(hasher.hash("apiv3_a")).isNotEqualTo(hasher.hash("apiv3_b"));
    assertThat(TokenHash.sha512Hex(hasher.hash("apiv3_a").hex())).isEqualTo(hasher.hash("apiv3_a"));
  }

  private static final String EXPECTED_SHA512_OF_APIV3_ABC =
      "4543376fb0e749b254cc7e177337714a4a1c70d4e3f3c4aaca36258c02323541957f0298cde6e60d791159d79ba6ba23d1b70716ee6ef6229584fc5c96d0627e";
}
