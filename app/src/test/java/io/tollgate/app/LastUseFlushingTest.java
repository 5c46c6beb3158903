package io.tollgate.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.core.crypto.Sha512TokenHasher;
import io.tollgate.core.domain.IssuedToken;
import io.tollgate.core.memory.InMemoryTokenStore;
import io.tollgate.core.service.TokenService;
import io.tollgate.core.testing.MutableClock;
import io.tollgate.core.testing.ScriptedStore;
import io.tollgate.core.testing.SequentialSecretGenerator;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The server's last-use writer: a failed write is retried, close writes what is left. */
class LastUseFlushingTest {

  private final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
  private final ScriptedStore store = new ScriptedStore(new InMemoryTokenStore());
  private final TokenService tokens =
      new TokenService(store, new Sha512TokenHasher(), new SequentialSecretGenerator(), clock);

  private boolean stored(IssuedToken token) {
    return store
        .underlying()
        .tokens()
        .findById(token.token().id())
        .orElseThrow()
        .lastUsedAtOptional()
        .isPresent();
  }

  @Test
  void close_writesTheUsesLeft_evenBeforeTheFirstInterval() {
    IssuedToken admin = tokens.createOperatorToken();
    LastUseFlushing flushing = new LastUseFlushing(tokens, Duration.ofHours(1)).start();
    tokens.authenticate(admin.secret().value());

    flushing.close();

    assertThat(stored(admin)).isTrue();
  }

  @Test
  void aFailedWrite_isSwallowedAndTriedAgain() {
    IssuedToken admin = tokens.createOperatorToken();
    LastUseFlushing flushing = new LastUseFlushing(tokens, Duration.ofHours(1));
    tokens.authenticate(admin.secret().value());
    store.failLastUse(true);

    flushing.flushSafely();
    flushing.flushSafely();
    assertThat(stored(admin)).isFalse();
    assertThat(store.lastUseBatches()).isEqualTo(2);

    store.failLastUse(false);
    flushing.flushSafely();
    assertThat(stored(admin)).isTrue();
  }

  @Test
  void aZeroInterval_isRefused() {
    assertThatThrownBy(() -> new LastUseFlushing(tokens, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
