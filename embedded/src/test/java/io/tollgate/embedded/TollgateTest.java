package io.tollgate.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.core.domain.Actor;
import io.tollgate.core.domain.AuthenticationResult;
import io.tollgate.core.domain.IssuedToken;
import io.tollgate.core.domain.Lifetime;
import io.tollgate.core.domain.StoreException;
import io.tollgate.core.domain.TokenName;
import io.tollgate.core.domain.TokenNameAlreadyExistsException;
import io.tollgate.core.port.in.CreateNamedAdminTokenUseCase.CreateNamedAdminTokenCommand;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TollgateTest {

  @TempDir Path dir;

  private static CreateNamedAdminTokenCommand named(String name, long seconds) {
    return new CreateNamedAdminTokenCommand(
        TokenName.named(name), Lifetime.ofSeconds(seconds), null, Actor.BOOTSTRAP);
  }

  @Test
  void open_persistsTokens_acrossInstances() {
    String secret;
    try (Tollgate first = Tollgate.open(dir)) {
      secret = first.createOperatorToken().secret().value();
    }
    try (Tollgate second = Tollgate.open(dir)) {
      assertThat(second.authenticate(secret).isAuthenticated()).isTrue();
      assertThatThrownBy(second::createOperatorToken)
          .isInstanceOf(TokenNameAlreadyExistsException.class);
    }
  }

  @Test
  void openingTheSameDirectoryTwice_failsClearly_untilTheFirstIsClosed() {
    try (Tollgate first = Tollgate.open(dir)) {
      assertThatThrownBy(() -> Tollgate.open(dir))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining(dir.toString())
          .hasMessageContaining("already open in this process");
      assertThat(first.listTokens()).isEmpty();
    }
    try (Tollgate again = Tollgate.open(dir)) {
      assertThat(again.listTokens()).isEmpty();
    }
  }

  @Test
  void twoInstances_onDifferentDirectories_doNotInterfere() {
    try (Tollgate a = Tollgate.open(dir.resolve("a"));
        Tollgate b = Tollgate.open(dir.resolve("b"))) {
      String secretA = a.createOperatorToken().secret().value();
      String secretB = b.createOperatorToken().secret().value();
      a.createNamedAdminToken(named("only-in-a", 0));

      assertThat(a.authenticate(secretB).isAuthenticated()).isFalse();
      assertThat(b.authenticate(secretA).isAuthenticated()).isFalse();
      assertThat(a.listTokens()).hasSize(2);
      assertThat(b.listTokens()).hasSize(1);
      assertThat(a.clusterId()).isNotEqualTo(b.clusterId());
    }
  }

  @Test
  void inMemoryInstances_areIndependent() {
    try (Tollgate a = Tollgate.inMemory();
        Tollgate b = Tollgate.inMemory()) {
      String secret = a.createOperatorToken().secret().value();
      assertThat(b.authenticate(secret).isAuthenticated()).isFalse();
      assertThat(b.createOperatorToken().token().name()).isEqualTo(TokenName.OPERATOR);
    }
  }

  @Test
  void everyMethod_throwsIllegalState_afterClose_andCloseIsIdempotent() {
    Tollgate tollgate = Tollgate.open(dir);
    String secret = tollgate.createOperatorToken().secret().value();
    tollgate.close();
    tollgate.close();

    assertThatThrownBy(() -> tollgate.authenticate(secret))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
    assertThatThrownBy(tollgate::listTokens).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(tollgate::createOperatorToken).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(tollgate::clusterId).isInstanceOf(IllegalStateException.class);
    try (Tollgate reopened = Tollgate.open(dir)) {
      assertThat(reopened.authenticate(secret).isAuthenticated()).isTrue();
    }
  }

  @Test
  void builderClock_decidesExpiry() {
    AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2030-01-01T00:00:00Z"));
    Clock clock =
        new Clock() {
          @Override
          public ZoneOffset getZone() {
            return ZoneOffset.UTC;
          }

          @Override
          public Clock withZone(java.time.ZoneId zone) {
            return this;
          }

          @Override
          public Instant instant() {
            return now.get();
          }
        };
    try (Tollgate tollgate = Tollgate.builder().clock(clock).inMemory()) {
      IssuedToken ci = tollgate.createNamedAdminToken(named("ci", 60));
      assertThat(ci.token().createdAt()).isEqualTo(now.get());
      assertThat(tollgate.authenticate(ci.secret().value()).isAuthenticated()).isTrue();

      now.set(now.get().plusSeconds(60));
      assertThat(tollgate.authenticate(ci.secret().value()))
          .isInstanceOf(AuthenticationResult.Expired.class);
    }
  }

  @Test
  void toString_namesTheStore_andNeverASecret() {
    try (Tollgate tollgate = Tollgate.open(dir)) {
      IssuedToken admin = tollgate.createOperatorToken();
      assertThat(tollgate.toString()).contains(dir.toString()).doesNotContain("apiv3_");
      assertThat(admin.toString()).doesNotContain(admin.secret().value());
    }
  }

  @Test
  void nullArguments_areRefusedUpFront() {
    assertThatThrownBy(() -> Tollgate.open(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> Tollgate.builder().clock(null))
        .isInstanceOf(NullPointerException.class);
  }
}
