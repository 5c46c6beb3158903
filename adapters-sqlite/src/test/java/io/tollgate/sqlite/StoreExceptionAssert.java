package io.tollgate.sqlite;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.core.domain.StoreException;
import java.nio.file.Path;

/** The refusal of a data directory that is owned already. */
final class StoreExceptionAssert {

  private StoreExceptionAssert() {}

  static void assertRefused(Path dataDir, String... fragments) {
    var refusal =
        assertThatThrownBy(() -> SqliteStores.open(dataDir))
            .isInstanceOf(StoreException.class)
            .hasMessageContaining(dataDir.toString());
    for (String fragment : fragments) {
      refusal.hasMessageContaining(fragment);
    }
  }
}
