package io.tollgate.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tollgate.http.Harness.Reply;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RecoveryListenerIT {
  private static final String REGENERATE = "/api/v3/configure/token/admin/regenerate";
  private static final String RECOVERY_CODE = "/api/v3/configure/token/admin/recovery_code";

  private static boolean accepts(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static void awaitClosed(int port) throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(10);
    while (accepts(port) && Instant.now().isBefore(deadline)) {
      Thread.sleep(50);
    }
  }

  @Test
  void recoveryListener_isOffByDefault_connectionRefused() {
    assumeTrue(!accepts(8182), "something else listens on 127.0.0.1:8182");
    try (Harness h = Harness.start()) {
      assertThat(h.server.isRecoveryListenerOpen()).isFalse();
      assertThat(h.server.recoveryPort()).isEmpty();
      assertThatThrownBy(() -> h.sendTo("http://127.0.0.1:8182", "POST", REGENERATE, null))
          .isInstanceOf(UncheckedIOException.class)
          .hasCauseInstanceOf(ConnectException.class);
    }
  }

  @Test
  void recoveryListener_regeneratesWithoutToken_closesAfterOneSuccess_namedTokensKeepWorking()
      throws Exception {
    try (Harness h = Harness.start(b -> b.recoveryBind("127.0.0.1:0"))) {
      int port = h.server.recoveryPort().orElseThrow();
      String lost = h.createOperator();
      String named =
          h.post(
                  "/api/v3/configure/token/named_admin",
                  "{\"token_name\":\"ci\"}",
                  Harness.bearerJson(lost))
              .field("token");
      String recovery = "http://127.0.0.1:" + port;
      assertThat(port).isNotEqualTo(h.server.port());

      Reply other =
          h.sendTo(recovery, "GET", "/api/v3/configure/token", null, Harness.bearer(named));
      assertThat(other.status()).isEqualTo(404);
      assertThat(other.body()).isEqualTo("not found");
      assertThat(h.sendTo(recovery, "POST", "/api/v3/configure/token/admin", null).status())
          .isEqualTo(404);
      assertThat(h.sendTo(recovery, "OPTIONS", REGENERATE, null).status()).isEqualTo(404);
      assertThat(h.sendTo(recovery, "GET", REGENERATE, null).status()).isEqualTo(404);

      Reply regenerated = h.sendTo(recovery, "POST", REGENERATE, null);
      assertThat(regenerated.status()).isEqualTo(201);
      assertThat(regenerated.field("name")).isEqualTo("_admin");
      assertThat(regenerated.field("id")).isEqualTo("0");
      assertThat(regenerated.header("cluster-uuid")).isEqualTo(GoldenWire.CLUSTER);
      String fresh = regenerated.field("token");

      awaitClosed(port);
      assertThat(accepts(port)).isFalse();
      assertThat(h.server.isRecoveryListenerOpen()).isFalse();
      assertThat(h.server.recoveryPort()).isEmpty();

      assertThat(h.get("/api/v3/configure/token", Harness.bearer(lost)).status()).isEqualTo(401);
      assertThat(h.get("/api/v3/configure/token", Harness.bearer(fresh)).status()).isEqualTo(200);
      assertThat(h.get("/api/v3/configure/token", Harness.bearer(named)).status()).isEqualTo(200);
    }
  }

  @Test
  void recoveryListener_failedAttempt_doesNotCloseIt() throws Exception {
    try (Harness h = Harness.start(b -> b.recoveryBind("127.0.0.1:0"))) {
      int port = h.server.recoveryPort().orElseThrow();
      String recovery = "http://127.0.0.1:" + port;
      Reply missing = h.sendTo(recovery, "POST", REGENERATE, null);
      assertThat(missing.status()).isEqualTo(404);
      assertThat(missing.body()).isEqualTo("missing admin token, cannot update");
      Thread.sleep(200);
      assertThat(accepts(port)).isTrue();
      assertThat(h.server.isRecoveryListenerOpen()).isTrue();

      h.createOperator();
      assertThat(h.sendTo(recovery, "POST", REGENERATE, null).status()).isEqualTo(201);
      awaitClosed(port);
      assertThat(h.get("/health").status()).isEqualTo(401);
    }
  }

  @Test
  void recoveryListener_aBodyOverTheLimitThatStops_is413AtOnce_andRegeneratesNothing()
      throws Exception {
    try (Harness h = Harness.start(b -> b.recoveryBind("127.0.0.1:0"))) {
      int port = h.server.recoveryPort().orElseThrow();
      String operator = h.createOperator();
      String received;
      try (Socket socket = RawHttp.open(port)) {
        // no token is checked here: the rest of the body is not waited for (StalledBodiesTest)
        socket.setSoTimeout(5_000);
        socket
            .getOutputStream()
            .write(
                ("POST " + REGENERATE + " HTTP/1.1\r\nHost: t\r\nContent-Length: 100000\r\n\r\nx")
                    .getBytes(StandardCharsets.ISO_8859_1));
        received = RawHttp.readAll(socket).toString(StandardCharsets.ISO_8859_1);
      }

      assertThat(RawHttp.statuses(received)).containsExactly(413);
      assertThat(RawHttp.firstHead(received)).contains("connection: close");
      assertThat(h.server.isRecoveryListenerOpen()).isTrue();
      assertThat(h.get("/ping", Harness.bearer(operator)).status()).isEqualTo(200);
    }
  }

  @Test
  void recoveryListener_withARecoveryCode_refusesAMissingOrWrongCode_changesNothingAndStaysOpen()
      throws Exception {
    try (Harness h = Harness.start(b -> b.recoveryBind("127.0.0.1:0"))) {
      int port = h.server.recoveryPort().orElseThrow();
      String admin = h.createOperator();
      String code =
          h.post(RECOVERY_CODE, null, "Authorization", "Bearer " + admin).field("recovery_code");
      String recovery = "http://127.0.0.1:" + port;

      Reply missing = h.sendTo(recovery, "POST", REGENERATE, null);
      Reply wrong =
          h.sendTo(recovery, "POST", REGENERATE, null, "Authorization", "Bearer " + flipped(code));
      Reply operatorTokenInstead =
          h.sendTo(recovery, "POST", REGENERATE, null, "Authorization", "Bearer " + admin);
      Reply malformed = h.sendTo(recovery, "POST", REGENERATE, null, "Authorization", "Bearer");

      assertThat(missing.status()).isEqualTo(401);
      assertThat(missing.body()).isEqualTo(Responses.NOT_AUTHENTICATED);
      assertThat(wrong.status()).isEqualTo(401);
      assertThat(operatorTokenInstead.status()).isEqualTo(401);
      assertThat(malformed.status()).isEqualTo(400);
      assertThat(h.server.isRecoveryListenerOpen()).isTrue();
      assertThat(h.authority.authenticate(admin).isAuthenticated()).isTrue();
      assertThat(h.recoveryCodes.recoveryCodeRequired()).isTrue();
    }
  }

  @Test
  void recoveryListener_withTheRecoveryCode_regeneratesSpendsTheCodeAndCloses() throws Exception {
    try (Harness h = Harness.start(b -> b.recoveryBind("127.0.0.1:0"))) {
      int port = h.server.recoveryPort().orElseThrow();
      String lost = h.createOperator();
      String code =
          h.post(RECOVERY_CODE, null, "Authorization", "Bearer " + lost).field("recovery_code");

      Reply regenerated =
          h.sendTo(
              "http://127.0.0.1:" + port,
              "POST",
              REGENERATE,
              null,
              "Authorization",
              "Bearer " + code.toLowerCase(java.util.Locale.ROOT));

      assertThat(regenerated.status()).isEqualTo(201);
      String fresh = regenerated.field("token");
      assertThat(h.authority.authenticate(fresh).isAuthenticated()).isTrue();
      assertThat(h.authority.authenticate(lost).isAuthenticated()).isFalse();
      assertThat(h.recoveryCodes.recoveryCodeRequired()).isFalse();
      awaitClosed(port);
      assertThat(accepts(port)).isFalse();
    }
  }

  @Test
  void recoveryListener_withARecoveryCode_allowsFiveAttemptsAMinuteThen429() throws Exception {
    try (Harness h = Harness.start(b -> b.recoveryBind("127.0.0.1:0"))) {
      int port = h.server.recoveryPort().orElseThrow();
      String admin = h.createOperator();
      String code =
          h.post(RECOVERY_CODE, null, "Authorization", "Bearer " + admin).field("recovery_code");
      String recovery = "http://127.0.0.1:" + port;
      String[] wrong = {"Authorization", "Bearer " + flipped(code)};
      for (int i = 0; i < 5; i++) {
        assertThat(h.sendTo(recovery, "POST", REGENERATE, null, wrong).status()).isEqualTo(401);
      }

      Reply limited =
          h.sendTo(recovery, "POST", REGENERATE, null, "Authorization", "Bearer " + code);

      assertThat(limited.status()).isEqualTo(429);
      assertThat(limited.body()).startsWith("too many recovery attempts");
      assertThat(limited.headers().get("retry-after")).isNotEmpty();
      assertThat(h.authority.authenticate(admin).isAuthenticated()).isTrue();

      h.clock.advance(Duration.ofSeconds(61));
      Reply afterTheWindow =
          h.sendTo(recovery, "POST", REGENERATE, null, "Authorization", "Bearer " + code);
      assertThat(afterTheWindow.status()).isEqualTo(201);
    }
  }

  /** The same code with its first character changed: a well-formed but wrong code. */
  private static String flipped(String code) {
    char first = code.charAt(0) == 'A' ? 'B' : 'A';
    return first + code.substring(1);
  }
}
