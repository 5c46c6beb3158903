package io.tollgate.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.core.domain.InvalidExpiryException;
import io.tollgate.core.domain.InvalidTokenNameException;
import io.tollgate.core.domain.IssuedToken;
import io.tollgate.core.domain.TokenName;
import io.tollgate.core.domain.TokenNameAlreadyExistsException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shortcuts beside the command objects: get-or-create the operator, a named token by name. */
class TollgateShortcutsTest {

  private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

  @TempDir Path dir;

  private static Tollgate atNow() {
    return Tollgate.builder().clock(Clock.fixed(NOW, ZoneOffset.UTC)).inMemory();
  }

  @Test
  void createOperatorTokenIfMissing_createsOnce_thenReturnsEmpty_acrossRestarts() {
    String secret;
    try (Tollgate first = Tollgate.open(dir)) {
      IssuedToken created = first.createOperatorTokenIfMissing().orElseThrow();
      assertThat(created.token().name()).isEqualTo(TokenName.OPERATOR);
      secret = created.secret().value();
      assertThat(first.createOperatorTokenIfMissing()).isEmpty();
    }
    try (Tollgate restarted = Tollgate.open(dir)) {
      assertThat(restarted.createOperatorTokenIfMissing()).isEmpty();
      assertThat(restarted.authenticate(secret).isAuthenticated())
          .as("the existing operator token is left as it was")
          .isTrue();
      assertThat(restarted.listTokens()).hasSize(1);
    }
  }

  @Test
  void createOperatorTokenIfMissing_concurrently_createsExactlyOne() throws Exception {
    try (Tollgate tollgate = Tollgate.open(dir)) {
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<Callable<Optional<IssuedToken>>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
          calls.add(tollgate::createOperatorTokenIfMissing);
        }
        long created = 0;
        for (Future<Optional<IssuedToken>> result : pool.invokeAll(calls)) {
          created += result.get().isPresent() ? 1 : 0;
        }
        assertThat(created).isEqualTo(1);
        assertThat(tollgate.listTokens()).hasSize(1);
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Test
  void createNamedAdminToken_byNameAndDuration_expiresThatLongAfterNow() {
    try (Tollgate tollgate = atNow()) {
      IssuedToken ci = tollgate.createNamedAdminToken("ci", Duration.ofDays(30));

      assertThat(ci.token().name()).isEqualTo(TokenName.named("ci"));
      assertThat(ci.token().expiry().asInstant()).contains(NOW.plus(Duration.ofDays(30)));
      assertThat(tollgate.authenticate(ci.secret().value()).isAuthenticated()).isTrue();
    }
  }

  @Test
  void createNamedAdminToken_roundsAFractionOfASecondUp() {
    try (Tollgate tollgate = atNow()) {
      IssuedToken token = tollgate.createNamedAdminToken("short", Duration.ofMillis(1500));
      assertThat(token.token().expiry().asInstant()).contains(NOW.plusSeconds(2));
    }
  }

  @Test
  void createNamedAdminToken_byNameAlone_neverExpires() {
    try (Tollgate tollgate = atNow()) {
      IssuedToken token = tollgate.createNamedAdminToken("forever");
      assertThat(token.token().expiry().isNever()).isTrue();
    }
  }

  @Test
  void createNamedAdminToken_refusesAZeroOrNegativeLifetime_andChangesNothing() {
    try (Tollgate tollgate = atNow()) {
      assertThatThrownBy(() -> tollgate.createNamedAdminToken("ci", Duration.ZERO))
          .isInstanceOf(InvalidExpiryException.class)
          .hasMessageContaining("positive");
      assertThatThrownBy(() -> tollgate.createNamedAdminToken("ci", Duration.ofSeconds(-1)))
          .isInstanceOf(InvalidExpiryException.class);
      assertThatThrownBy(() -> tollgate.createNamedAdminToken("ci", (Duration) null))
          .isInstanceOf(NullPointerException.class);
      assertThat(tollgate.listTokens()).isEmpty();
    }
  }

  @Test
  void createNamedAdminToken_refusesTheOperatorName_andATakenName() {
    try (Tollgate tollgate = atNow()) {
      assertThatThrownBy(() -> tollgate.createNamedAdminToken("_admin", Duration.ofDays(1)))
          .isInstanceOf(InvalidTokenNameException.class);
      tollgate.createNamedAdminToken("ci");
      assertThatThrownBy(() -> tollgate.createNamedAdminToken("ci", Duration.ofDays(1)))
          .isInstanceOf(TokenNameAlreadyExistsException.class);
      assertThat(tollgate.listTokens()).hasSize(1);
    }
  }

  @Test
  void shortcuts_throwIllegalState_afterClose() {
    Tollgate tollgate = atNow();
    tollgate.close();
    assertThatThrownBy(tollgate::createOperatorTokenIfMissing)
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> tollgate.createNamedAdminToken("ci", Duration.ofDays(1)))
        .isInstanceOf(IllegalStateException.class);
  }
}
