package io.tollgate.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** SPEC section 10: credential_fp is the first 16 hex of HMAC-SHA256 under the store's key. */
class CredentialFingerprintTest {
  private static final byte[] KEY =
      "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
  private static final String TOKEN = "apiv3_wrong-token-presented-by-a-client";

  @Test
  void fingerprint_isTheFirst16HexOfHmacSha256() throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
    String expected =
        HexFormat.of()
            .formatHex(mac.doFinal(TOKEN.getBytes(StandardCharsets.UTF_8)))
            .substring(0, 16);

    assertThat(new CredentialFingerprint(KEY).of(TOKEN))
        .isEqualTo(expected)
        .matches("[0-9a-f]{16}");
  }

  @Test
  void rfc4231TestCase1_givesTheFirst16HexOfItsHmac() {
    // RFC 4231 4.2: key 0x0b x 20, data "Hi There", HMAC-SHA-256 b0344c61d8db3853 5ca8afce...
    byte[] key = new byte[20];
    java.util.Arrays.fill(key, (byte) 0x0b);

    assertThat(new CredentialFingerprint(key).of("Hi There")).isEqualTo("b0344c61d8db3853");
  }

  @Test
  void sameCredentialSameKey_sameFingerprint_otherKeyOrCredential_another() {
    CredentialFingerprint one = new CredentialFingerprint(KEY);

    assertThat(one.of(TOKEN)).isEqualTo(new CredentialFingerprint(KEY).of(TOKEN));
    assertThat(one.of(TOKEN)).isNotEqualTo(one.of(TOKEN + "x"));
    assertThat(CredentialFingerprint.random(new SecureRandom()).of(TOKEN))
        .isNotEqualTo(one.of(TOKEN));
  }

  @Test
  void theKeyIsCopied_andNeverShown() {
    byte[] key = KEY.clone();
    CredentialFingerprint fingerprint = new CredentialFingerprint(key);
    String before = fingerprint.of(TOKEN);
    key[0] ^= 1;

    assertThat(fingerprint.of(TOKEN)).isEqualTo(before);
    assertThat(fingerprint.toString()).doesNotContain("0123456789abcdef").contains("redacted");
  }

  @Test
  void shortKeys_areRefused() {
    assertThatThrownBy(() -> new CredentialFingerprint(new byte[15]))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
