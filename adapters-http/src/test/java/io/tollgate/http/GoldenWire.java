package io.tollgate.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.http.Harness.Reply;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The wire facts of SPEC section 3 that the golden tests share: secrets from {@link FixedSecrets},
 * their hashes, the clock's start and the exact error bodies, and the checks of a plain or JSON
 * reply.
 */
final class GoldenWire {
  static final String CLUSTER = "5f0c3d2e-7a1b-4c8d-9e6f-0123456789ab";
  static final String S1 = "apiv3_test-secret-0001";
  static final String S2 = "apiv3_test-secret-0002";
  static final String H1 =
      "13dcea61a1da8fd2ec23e0ede884b60917f31c73fbbee6d7499da98c36eda75fc7facda9acad9e46d2ef4ab76b7b70290988b967103d0fa22f3f7d8a7c8837ef";
  static final String H2 =
      "4e7c5874f90e4393ba903c670e33eadfde28b7ff51f4af518c05ca69d65259a44b93c7a80e6e8117a7e7affa0733157ae5e0e8b75be3abbc4a797e0f73f2d3d0";
  static final String T0 = "2025-04-18T14:02:45.331Z";
  static final String MALFORMED =
      "{\"error\": \"Authorization header was malformed, the request was not in the form of"
          + " 'Authorization: <auth-scheme> <token>', supported auth-schemes are Bearer, Token and"
          + " Basic\"}";
  static final String UNAUTHENTICATED = "{\"error\": \"the request was not authenticated\"}";

  private GoldenWire() {}

  /** A server whose /ping answers version 3.0.0-test, revision abc123; closed by the test. */
  static Harness startHarness() {
    return Harness.start(b -> b.version("3.0.0-test", "abc123"));
  }

  static void assertPlain(Reply reply, int status, String body) {
    assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
    assertThat(reply.body()).isEqualTo(body);
    assertThat(reply.header("content-type")).startsWith("text/plain");
    assertThat(reply.header("cluster-uuid")).isEqualTo(CLUSTER);
  }

  static void assertJson(Reply reply, int status, String body) {
    assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
    assertThat(reply.body()).isEqualTo(body);
    assertThat(reply.header("content-type")).isEqualTo("application/json");
    assertThat(reply.header("cluster-uuid")).isEqualTo(CLUSTER);
  }

  static String b64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
