package io.tollgate.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.http.RawHttp.RawReply;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Generated malformed requests over every endpoint, sent as raw bytes: each gets a 4xx with a clear
 * plain or JSON body (no stack trace, no HTML), and none changes the stored tokens.
 */
class BadInputTest {
  @Test
  void malformedRequests_get4xxWithAClearBody_andChangeNothing() {
    Random random = new Random(20250418L);
    // hundreds of wrong tokens from one address: throttling (tested in AuthFailureThrottleTest) off
    try (Harness h = Harness.start(config -> config.authFailureLimit("0"))) {
      String admin = h.createOperator();
      h.post(
          "/api/v3/configure/token/named_admin",
          "{\"token_name\":\"keep\"}",
          Harness.bearerJson(admin));
      var before = h.authority.listTokens();
      List<Supplier<String>> generators = MalformedRequests.generators(random, admin);
      int sent = 0;
      for (int round = 0; round < 12; round++) {
        for (Supplier<String> generator : generators) {
          String request = generator.get();
          RawReply reply = RawHttp.send(h.server.port(), request.getBytes(StandardCharsets.UTF_8));
          String shown = request.length() > 200 ? request.substring(0, 200) + "…" : request;
          assertThat(reply.status()).as(shown).isBetween(400, 499);
          assertThat(reply.body())
              .as(shown)
              .isNotBlank()
              .doesNotContain("Exception", "\tat ", "<html");
          assertThat(reply.body().length()).as(shown).isLessThan(400);
          assertThat(reply.head())
              .as(shown)
              .containsIgnoringCase("cluster-uuid: " + GoldenWire.CLUSTER);
          sent++;
        }
      }
      assertThat(sent).isGreaterThanOrEqualTo(200);
      assertThat(h.authority.listTokens()).isEqualTo(before);
      assertThat(h.recoveryCodes.recoveryCodeRequired()).isFalse();
      assertThat(h.get("/api/v3/configure/token", Harness.bearer(admin)).status()).isEqualTo(200);
    }
  }

  @Test
  void namesThatAreInvisibleLookalikesOrNotUnicode_get400AndCreateNothing() {
    try (Harness h = Harness.start()) {
      String admin = h.createOperator();
      var before = h.authority.listTokens();
      String[] names = {
        "_admin\\u200b",
        "rtl\\u202eevil",
        "\\uff3f\\uff41\\uff44\\uff4d\\uff49\\uff4e",
        "x\\ud800",
        "\\udc00x"
      };
      for (String name : names) {
        var reply =
            h.post(
                "/api/v3/configure/token/named_admin",
                "{\"token_name\":\"" + name + "\"}",
                Harness.bearerJson(admin));
        assertThat(reply.status()).as(name).isEqualTo(400);
        // lone surrogates are refused by the JSON reader (not text), the rest by the name rules
        assertThat(reply.body()).as(name).containsAnyOf("token name must", "lone surrogate");
      }
      assertThat(h.authority.listTokens()).isEqualTo(before);
    }
  }
}
