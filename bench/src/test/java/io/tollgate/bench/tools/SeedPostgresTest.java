package io.tollgate.bench.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.core.crypto.SecureRandomSecretGenerator;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SeedPostgresTest {

  @Test
  void aSeededSecretHasTheShapeOfAGeneratedOne() {
    String generated = new SecureRandomSecretGenerator().generate().value();

    String seeded = SeedPostgres.secret(7);

    assertThat(seeded).hasSameSizeAs(generated).startsWith("apiv3_");
    assertThat(seeded.substring("apiv3_".length())).matches("[A-Za-z0-9_-]+");
  }

  @Test
  void theSecretOfATokenIsTheSameEveryTimeAndDiffersFromTheOthers() {
    Set<String> secrets = new HashSet<>();
    for (int i = 0; i < 1_000; i++) {
      secrets.add(SeedPostgres.secret(i));
    }

    assertThat(SeedPostgres.secret(42)).isEqualTo(SeedPostgres.secret(42));
    assertThat(secrets).hasSize(1_000);
  }
}
