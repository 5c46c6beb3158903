package io.tollgate.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tollgate.http.Harness.Reply;
import org.junit.jupiter.api.Test;

/**
 * {@code /health} reads the store and names the check that failed; {@code /health/live} answers
 * while the process runs; {@code /health/ready} needs a readable, current store; {@code
 * --disable-authz health} exempts all of them.
 */
class HealthEndpointsTest {

  @Test
  void everyProbe_isOk_whileTheStoreReads() {
    try (Harness h = Harness.start()) {
      String admin = h.createOperator();
      for (String path :
          new String[] {"/health", "/api/v1/health", "/health/live", "/health/ready"}) {
        Reply reply = h.get(path, Harness.bearer(admin));
        assertThat(reply.status()).as(path).isEqualTo(200);
        assertThat(reply.body()).as(path).isEqualTo("OK");
      }
    }
  }

  @Test
  void aHealthyProbe_askedForJson_answersTheReport_withoutALagForALocalStore() throws Exception {
    try (Harness h = Harness.start()) {
      String admin = h.createOperator();
      for (String path : new String[] {"/health?format=json", "/health/ready?format=json"}) {
        Reply reply = h.get(path, Harness.bearer(admin));
        assertThat(reply.status()).as(path).isEqualTo(200);
        assertThat(reply.header("content-type")).startsWith("application/json");
        JsonNode body = new ObjectMapper().readTree(reply.body());
        assertThat(body.get("status").asText()).isEqualTo("pass");
        assertThat(body.get("checks").get(0).get("name").asText()).isEqualTo("store");
        assertThat(body.get("checks").get(0).has("lag_ms")).isFalse();
      }
    }
  }

  @Test
  void unreadableStore_is503NamingTheStoreCheck_withoutItsPath_whileLiveStays200()
      throws Exception {
    try (Harness h = Harness.start()) {
      String admin = h.createOperator();
      h.authority.makeStoreUnreadable();
      for (String path : new String[] {"/health", "/api/v1/health", "/health/ready"}) {
        Reply reply = h.get(path, Harness.bearer(admin));
        assertThat(reply.status()).as(path).isEqualTo(503);
        assertThat(reply.header("content-type")).startsWith("application/json");
        JsonNode body = new ObjectMapper().readTree(reply.body());
        assertThat(body.get("status").asText()).isEqualTo("fail");
        JsonNode store = body.get("checks").get(0);
        assertThat(store.get("name").asText()).isEqualTo("store");
        assertThat(store.get("status").asText()).isEqualTo("fail");
        assertThat(store.get("detail").asText())
            .isEqualTo("the token store's database cannot be read");
        assertThat(reply.body()).doesNotContain("/tmp/tollgate-test");
      }
      Reply live = h.get("/health/live", Harness.bearer(admin));
      assertThat(live.status()).isEqualTo(200);
      assertThat(live.body()).isEqualTo("OK");
    }
  }

  @Test
  void disableAuthzHealth_exemptsLiveAndReadyToo_andWithoutItTheyNeedAToken() {
    try (Harness h = Harness.start(b -> b.disabledAuthz("health"))) {
      for (String path : new String[] {"/health", "/health/live", "/health/ready"}) {
        assertThat(h.get(path).status()).as(path).isEqualTo(200);
      }
      assertThat(h.get("/ping").status()).isEqualTo(401);
    }
    try (Harness h = Harness.start()) {
      for (String path : new String[] {"/health/live", "/health/ready"}) {
        assertThat(h.get(path).status()).as(path).isEqualTo(401);
      }
    }
  }
}
