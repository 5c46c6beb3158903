package io.tollgate.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.http.Harness.Reply;
import io.tollgate.http.HttpServerConfig.AuthzExemption;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** --without-auth, --disable-authz and the config's parsing. */
class ServerModesTest {

  @Test
  void withoutAuth_everyTokenApiPathIs405_andEverythingElseNeedsNoToken() {
    try (Harness h = Harness.start(b -> b.withoutAuth(true))) {
      for (String[] request :
          new String[][] {
            {"POST", "/api/v3/configure/token/admin"},
            {"POST", "/api/v3/configure/token/admin/regenerate"},
            {"POST", "/api/v3/configure/token/named_admin"},
            {"DELETE", "/api/v3/configure/token?token_name=x"},
            {"GET", "/api/v3/configure/token"},
            {"GET", "/api/v3/configure/tokenizer"},
            {"POST", "/api/v3/configure/%74oken/admin"},
            {"POST", "/API/V3/configure/token/admin"},
          }) {
        Reply reply = h.send(request[0], request[1], null, "Authorization", "Bearer whatever");
        assertThat(reply.status()).as(request[1]).isEqualTo(405);
        assertThat(reply.body()).isEqualTo("endpoint disabled, started without auth");
        assertThat(reply.header("cluster-uuid")).isEqualTo(GoldenWire.CLUSTER);
      }
      assertThat(h.get("/health").body()).isEqualTo("OK");
      assertThat(h.get("/ping").status()).isEqualTo(200);
      assertThat(h.get("/metrics").status()).isEqualTo(200);
      assertThat(
              h.get("/api/v3/query_sql?db=_internal&q=select%20*%20from%20system.tokens").status())
          .isEqualTo(200);
      // a body is read without a token here: every caller is trusted as the operator chose
      assertThat(
              h.post(
                      "/api/v3/query_sql",
                      "{\"db\": \"_internal\", \"q\": \"select * from system.tokens\"}",
                      "Content-Type",
                      "application/json")
                  .status())
          .isEqualTo(200);
      assertThat(h.authority.listTokens()).isEmpty();
    }
  }

  @Test
  void disableAuthz_exemptsExactlyTheNamedEndpoints() {
    try (Harness h = Harness.start(b -> b.disabledAuthz("health,ping"))) {
      assertThat(h.get("/health").body()).isEqualTo("OK");
      assertThat(h.get("/api/v1/health").body()).isEqualTo("OK");
      assertThat(h.get("/ping").status()).isEqualTo(200);
      assertThat(h.get("/metrics").status()).isEqualTo(401);
      assertThat(h.get("/api/v3/configure/token").status()).isEqualTo(401);
    }
    try (Harness h = Harness.start(b -> b.disabledAuthz("metrics"))) {
      assertThat(h.get("/metrics").status()).isEqualTo(200);
      assertThat(h.get("/health").status()).isEqualTo(401);
    }
  }

  @Test
  void disableAuthz_parsesTheListAndRejectsUnknownValuesClearly() {
    assertThat(AuthzExemption.parseList("health,ping,metrics"))
        .isEqualTo(Set.of(AuthzExemption.HEALTH, AuthzExemption.PING, AuthzExemption.METRICS));
    assertThat(AuthzExemption.parseList(" ping ")).isEqualTo(Set.of(AuthzExemption.PING));
    assertThat(AuthzExemption.parseList("")).isEmpty();
    assertThatThrownBy(() -> AuthzExemption.parseList("health,tokens"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "invalid value 'tokens' for --disable-authz: expected a comma-separated list of"
                + " health, ping, metrics");
    assertThatThrownBy(() -> AuthzExemption.parseList("health,,ping"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("invalid value ''");
  }

  @Test
  void bind_parsesHostPortForms() {
    assertThat(HttpServerConfig.Bind.parse("127.0.0.1:8181"))
        .isEqualTo(new HttpServerConfig.Bind("127.0.0.1", 8181));
    assertThat(HttpServerConfig.Bind.parse("[::1]:9"))
        .isEqualTo(new HttpServerConfig.Bind("::1", 9));
    assertThat(HttpServerConfig.Bind.parse(":0"))
        .isEqualTo(new HttpServerConfig.Bind("127.0.0.1", 0));
    assertThatThrownBy(() -> HttpServerConfig.Bind.parse("localhost"))
        .hasMessageContaining("expected HOST:PORT");
    assertThatThrownBy(() -> HttpServerConfig.Bind.parse("h:99999"))
        .hasMessageContaining("0 to 65535");
  }

  @Test
  void config_defaultsMatchTheSpec_andRecoveryFlagAloneMeans8182() {
    HttpServerConfig config = HttpServerConfig.builder().build();
    assertThat(config.bind().toString()).isEqualTo("127.0.0.1:8181");
    assertThat(config.withoutAuth()).isFalse();
    assertThat(config.recoveryBind()).isEmpty();
    assertThat(config.tls()).isEmpty();
    assertThat(HttpServerConfig.builder().recoveryBind("").build().recoveryBind())
        .contains(new HttpServerConfig.Bind("127.0.0.1", 8182));
  }

  @Test
  void startTwice_isRefused_andStopIsIdempotent() {
    try (Harness h = Harness.start()) {
      assertThatThrownBy(h.server::start).isInstanceOf(IllegalStateException.class);
      h.server.stop();
      h.server.stop();
    }
  }

  @Test
  void bindingABusyPort_failsWithAClearMessage() {
    try (Harness h = Harness.start()) {
      HttpServerConfig clash = Harness.localConfig().bind("127.0.0.1:" + h.server.port()).build();
      TollgateHttpServer second = TollgateHttpServer.create(clash, h.authority);
      assertThatThrownBy(second::start)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageStartingWith("cannot listen on 127.0.0.1:" + h.server.port());
    }
  }
}
