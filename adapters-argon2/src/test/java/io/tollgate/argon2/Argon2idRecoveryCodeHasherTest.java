package io.tollgate.argon2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.core.port.out.RecoveryCodeHasher;
import org.junit.jupiter.api.Test;

class Argon2idRecoveryCodeHasherTest {

  private final RecoveryCodeHasher hasher = Argon2Hashers.argon2id(Argon2Parameters.OWASP);

  @Test
  void hash_isArgon2idWithAtLeastTheOwaspParametersAndNotTheCode() {
    String code = "7K3QX4M9PBZ2RT6WAHC8DNE5F";

    String hash = hasher.hash(code.toCharArray());

    assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$").doesNotContain(code);
  }

  @Test
  void hash_isSaltedSoTheSameCodeHashesDifferently() {
    assertThat(hasher.hash("A".repeat(25).toCharArray()))
        .isNotEqualTo(hasher.hash("A".repeat(25).toCharArray()));
  }

  @Test
  void verify_acceptsTheCodeAndRejectsAnyOther() {
    String hash = hasher.hash("7K3QX4M9PBZ2RT6WAHC8DNE5F".toCharArray());

    assertThat(hasher.verify(hash, "7K3QX4M9PBZ2RT6WAHC8DNE5F".toCharArray())).isTrue();
    assertThat(hasher.verify(hash, "7K3QX4M9PBZ2RT6WAHC8DNE5G".toCharArray())).isFalse();
    assertThat(hasher.verify("not-a-hash", "x".toCharArray())).isFalse();
    assertThat(hasher.verify(null, "x".toCharArray())).isFalse();
  }

  @Test
  void parameters_belowTheOwaspMinimumAreRefused() {
    assertThatThrownBy(() -> new Argon2Parameters(1024, 2, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Argon2Parameters(19 * 1024, 1, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
