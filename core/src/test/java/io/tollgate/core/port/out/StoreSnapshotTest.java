package io.tollgate.core.port.out;

import static io.tollgate.core.testing.TestTokens.T0;
import static io.tollgate.core.testing.TestTokens.newToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.core.domain.Token;
import io.tollgate.core.domain.TokenId;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class StoreSnapshotTest {

  private static final UUID ID = UUID.fromString("0b4d3c1e-2f5a-4b6c-8d7e-9f0a1b2c3d4e");

  private static byte[] key(int fill) {
    byte[] key = new byte[32];
    Arrays.fill(key, (byte) fill);
    return key;
  }

  @Test
  void aSnapshot_whoseIdCounterIsNotAboveEveryId_isRefused() {
    Token token = newToken("a").withId(TokenId.of(5));

    assertThatThrownBy(
            () -> new StoreSnapshot(ID, 5, List.of(token), List.of(), List.of(), key(1), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("above every token id");
  }

  @Test
  void aSnapshot_withoutA32ByteAuditKey_isRefused() {
    assertThatThrownBy(() -> new StoreSnapshot(ID, 0, List.of(), List.of(), List.of(), null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("32 bytes");
    assertThatThrownBy(
            () -> new StoreSnapshot(ID, 0, List.of(), List.of(), List.of(), new byte[16], null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void equality_comparesTheAuditKeyByContent_andTheKeyIsCopied() {
    byte[] key = key(7);
    StoreSnapshot one = new StoreSnapshot(ID, 0, List.of(), List.of(), List.of(), key, null);
    key[0] = 0;

    assertThat(one)
        .isEqualTo(new StoreSnapshot(ID, 0, List.of(), List.of(), List.of(), key(7), null));
    assertThat(one.hashCode())
        .isEqualTo(
            new StoreSnapshot(ID, 0, List.of(), List.of(), List.of(), key(7), null).hashCode());
    assertThat(one)
        .isNotEqualTo(new StoreSnapshot(ID, 0, List.of(), List.of(), List.of(), key(8), null));
    one.auditKey()[1] = 0;
    assertThat(one.auditKey()).isEqualTo(key(7));
  }

  @Test
  void toString_showsCountsOnly_neverAHashTheKeyOrTheRecoveryCode() {
    Token token = newToken("a", "apiv3_secret").withId(TokenId.of(0));
    StoreSnapshot snapshot =
        new StoreSnapshot(
            ID,
            1,
            List.of(token),
            List.of(),
            List.of(),
            key(0x41),
            new StoreSnapshot.RecoveryCode("$argon2id$secret-hash", T0));

    assertThat(snapshot.toString())
        .contains("1 tokens", "recovery code present")
        .doesNotContain("secret-hash", token.hash().hex(), "AAAA", "apiv3_");
    assertThat(new StoreSnapshot.RecoveryCode("$argon2id$secret-hash", T0).toString())
        .doesNotContain("secret-hash");
  }
}
