package io.tollgate.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tollgate.http.Harness.Reply;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RecoveryListenerIT {
  private static final String REGENERATE = "/api/v3/configure/token/admin/regenerate";

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

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
    int port = freePort();
    try (Harness h = Harness.start(b -> b.recoveryBind("127.0.0.1:" + port))) {
      String lost = h.createOperator();
      String named =
          h.post(
                  "/api/v3/configure/token/named_admin",
                  "{\"token_name\":\"ci\"}",
                  Harness.bearerJson(lost))
              .field("token");
      String recovery = "http://127.0.0.1:" + port;
      assertThat(h.server.recoveryPort()).hasValue(port);

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
      assertThat(regenerated.header("cluster-uuid")).isEqualTo(GoldenResponsesTest.CLUSTER);
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
    int port = freePort();
    try (Harness h = Harness.start(b -> b.recoveryBind("127.0.0.1:" + port))) {
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
  void recoveryListener_refusedByItsAuthorizer_changesNothingAndStaysOpen() throws Exception {
    int port = freePort();
    HttpServerConfig config = Harness.localConfig().recoveryBind("127.0.0.1:" + port).build();
    try (Harness h = Harness.start()) {
      String admin = h.createOperator();
      TollgateHttpServer guarded =
          TollgateHttpServer.create(
              config,
              h.authority,
              h.registry,
              ctx -> {
                throw HttpFailure.plain(403, "recovery code required");
              },
              Duration.ZERO);
      guarded.start();
      try {
        Reply refused = h.sendTo("http://127.0.0.1:" + port, "POST", REGENERATE, null);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body()).isEqualTo("recovery code required");
        assertThat(guarded.isRecoveryListenerOpen()).isTrue();
        assertThat(h.authority.authenticate(admin).isAuthenticated()).isTrue();
      } finally {
        guarded.stop();
      }
    }
  }
}
