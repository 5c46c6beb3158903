package io.tollgate.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.core.domain.IssuedToken;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Last use in the library: listed at once, written on close, off with a zero interval. */
class TollgateLastUseTest {

  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00.250Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  @TempDir Path dir;

  private static Instant lastUse(Tollgate tollgate, IssuedToken token) {
    return tollgate.listTokens().stream()
        .filter(t -> t.id().equals(token.token().id()))
        .findFirst()
        .orElseThrow()
        .lastUsedAt();
  }

  @Test
  void aUse_isListedAtOnce() {
    try (Tollgate tollgate = Tollgate.builder().clock(CLOCK).inMemory()) {
      IssuedToken ci = tollgate.createNamedAdminToken("ci", Duration.ofDays(1));
      IssuedToken unused = tollgate.createNamedAdminToken("unused", Duration.ofDays(1));

      tollgate.authenticate(ci.secret().value());

      assertThat(lastUse(tollgate, ci)).isEqualTo(NOW);
      assertThat(lastUse(tollgate, unused)).isNull();
    }
  }

  @Test
  void close_writesThePendingUses_soTheyOutliveARestart() {
    IssuedToken ci;
    try (Tollgate tollgate = Tollgate.builder().clock(CLOCK).open(dir)) {
      ci = tollgate.createNamedAdminToken("ci", Duration.ofDays(1));
      tollgate.authenticate(ci.secret().value());
    }

    try (Tollgate reopened = Tollgate.builder().clock(CLOCK).open(dir)) {
      assertThat(lastUse(reopened, ci)).isEqualTo(NOW);
      assertThat(reopened.flushLastUse()).isZero();
    }
  }

  @Test
  void flushLastUse_writesNowAndOnlyWhatChanged() {
    try (Tollgate tollgate = Tollgate.builder().clock(CLOCK).open(dir)) {
      IssuedToken ci = tollgate.createNamedAdminToken("ci", Duration.ofDays(1));
      tollgate.authenticate(ci.secret().value());

      assertThat(tollgate.flushLastUse()).isEqualTo(1);
      assertThat(tollgate.flushLastUse()).isZero();
    }
  }

  @Test
  void aZeroInterval_turnsTrackingOff() {
    IssuedToken ci;
    try (Tollgate tollgate =
        Tollgate.builder().clock(CLOCK).lastUsedInterval(Duration.ZERO).open(dir)) {
      ci = tollgate.createNamedAdminToken("ci", Duration.ofDays(1));
      tollgate.authenticate(ci.secret().value());
      assertThat(lastUse(tollgate, ci)).isNull();
    }
    try (Tollgate reopened = Tollgate.builder().clock(CLOCK).open(dir)) {
      assertThat(lastUse(reopened, ci)).isNull();
    }
  }

  @Test
  void anIntervalUnderASecond_isRefused() {
    assertThatThrownBy(() -> Tollgate.builder().lastUsedInterval(Duration.ofMillis(999)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 1 second");
    assertThatThrownBy(() -> Tollgate.builder().lastUsedInterval(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
