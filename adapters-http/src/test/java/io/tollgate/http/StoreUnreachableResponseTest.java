package io.tollgate.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.http.Harness.Reply;
import org.junit.jupiter.api.Test;

/**
 * While the store cannot vouch that this node is current, every token check fails closed with 503
 * {@code {"error": "token store unreachable"}}: the token API, the pipeline and the gateways'
 * endpoints alike, never an allow on a view that may miss a revocation.
 */
class StoreUnreachableResponseTest {

  private static final String BODY = "{\"error\": \"token store unreachable\"}";

  @Test
  void tokenChecks_answer503WhileTheStoreIsNotCurrent_andRecoverWithoutRestart() {
    try (Harness h = Harness.start()) {
      String admin = h.createOperator();
      h.store.setCurrent(false);

      Reply listing = h.get("/api/v3/configure/token?format=json", Harness.bearer(admin));
      assertThat(listing.status()).isEqualTo(503);
      assertThat(listing.body()).isEqualTo(BODY);

      h.store.setCurrent(true);
      assertThat(h.get("/api/v3/configure/token?format=json", Harness.bearer(admin)).status())
          .isEqualTo(200);
    }
  }

  @Test
  void forwardAuth_answers503NeverAnAllow_onEveryGatewayEndpoint() {
    try (Harness h = Harness.start()) {
      String admin = h.createOperator();
      h.store.setCurrent(false);

      for (String path :
          new String[] {
            ForwardAuth.FORWARD_AUTH,
            ForwardAuth.FORWARD_AUTH + "?require=db:*:read",
            ForwardAuth.AUTH_REQUEST,
            ForwardAuth.EXT_AUTHZ_PREFIX + "orders/1"
          }) {
        Reply reply = h.get(path, Harness.bearer(admin));
        assertThat(reply.status()).as(path).isEqualTo(503);
        assertThat(reply.body()).as(path).isEqualTo(BODY);
        assertThat(reply.header("X-Tollgate-Token-Id")).as(path).isNull();
      }

      h.store.setCurrent(true);
      assertThat(h.get(ForwardAuth.FORWARD_AUTH, Harness.bearer(admin)).status()).isEqualTo(200);
    }
  }
}
