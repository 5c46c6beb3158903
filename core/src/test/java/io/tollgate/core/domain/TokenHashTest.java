package io.tollgate.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TokenHashTest {

  /** 0x00, 0x01, ... 0x3f: every byte position tells apart from every other. */
  private static byte[] counting() {
    byte[] bytes = new byte[64];
    IntStream.range(0, 64).forEach(i -> bytes[i] = (byte) i);
    return bytes;
  }

  @Test
  void keepsItsDigestByteForByte() {
    byte[] digest = counting();
    digest[0] = (byte) 0xff; // a negative byte, where sign extension would show
    digest[63] = (byte) 0x80;

    TokenHash hash = TokenHash.sha512(digest);

    assertThat(hash.algorithm()).isEqualTo("sha512");
    assertThat(hash.digest()).containsExactly(digest);
    assertThat(hash.hex()).isEqualTo(HexFormat.of().formatHex(digest));
  }

  @Test
  void isNotChangedThroughTheArrayItWasMadeFromOrTheOneItGaveOut() {
    byte[] digest = counting();
    TokenHash hash = TokenHash.sha512(digest);

    digest[5] = 99;
    hash.digest()[6] = 99;

    assertThat(hash.digest()).containsExactly(counting());
  }

  @Test
  void equalsComparesEveryByteOfTheDigest() {
    TokenHash hash = TokenHash.sha512(counting());
    assertThat(hash)
        .isEqualTo(TokenHash.sha512(counting()))
        .hasSameHashCodeAs(TokenHash.sha512(counting()));
    for (int i = 0; i < 64; i++) {
      byte[] other = counting();
      other[i] ^= 1;
      assertThat(TokenHash.sha512(other)).as("byte %d differs", i).isNotEqualTo(hash);
    }
    assertThat(hash).isNotEqualTo("sha512:" + hash.hex()).isNotEqualTo(null);
  }

  @Test
  void hashCodeIsTheDigestsFirstFourBytes() {
    assertThat(TokenHash.sha512(counting()).hashCode()).isEqualTo(0x00010203);
    byte[] high = counting();
    high[0] = (byte) 0xfe;
    assertThat(TokenHash.sha512(high).hashCode()).isEqualTo(0xfe010203);
  }

  @Test
  void parsesItsOwnHex() {
    TokenHash hash = TokenHash.sha512(counting());
    assertThat(TokenHash.sha512Hex(hash.hex())).isEqualTo(hash);
  }

  @Test
  void showsOnlyItsAlgorithmAndNineHexCharacters() {
    TokenHash hash = TokenHash.sha512(counting());
    assertThat(hash.shortHex()).isEqualTo("000102030");
    assertThat(hash).hasToString("sha512:000102030");
  }

  @Test
  void refusesAnotherAlgorithmOrLength() {
    assertThatThrownBy(() -> new TokenHash("md5", counting()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unsupported hash algorithm: md5");
    assertThatThrownBy(() -> new TokenHash(null, counting()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unsupported hash algorithm: null");
    assertThatThrownBy(() -> TokenHash.sha512(new byte[63]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a sha512 digest has 64 bytes");
    assertThatThrownBy(() -> TokenHash.sha512(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a sha512 digest has 64 bytes");
  }
}
