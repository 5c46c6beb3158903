package io.tollgate.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.core.domain.failure.FailureAction;
import io.tollgate.core.domain.failure.FailureEvent;
import io.tollgate.core.domain.failure.FailureQueue;
import io.tollgate.http.Harness.Reply;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SPEC section 10 through the real server: more than N failed authentications from one client
 * address (here named by a trusted proxy's X-Forwarded-For) → 429 with Retry-After on every route
 * that checks a token, before the token is checked, until the window has passed; other addresses
 * are untouched; the refusals reach the failure audit coalesced, with the fingerprint only.
 */
class AuthFailureThrottleTest {
  private static final String TOKEN = "/api/v3/configure/token";
  private static final String THROTTLED =
      "{\"error\": \"too many failed authentication attempts\"}";
  private static final String WRONG = "apiv3_this-is-not-a-token-of-this-server-0123456789";
  private static final String[] FROM_A = {"X-Forwarded-For", "198.51.100.7"};
  private static final String[] FROM_B = {"X-Forwarded-For", "203.0.113.9"};

  private Harness h;
  private String admin;

  @BeforeEach
  void start() {
    h = Harness.start(config -> config.authFailureLimit("3/1m"));
    admin = h.createOperator();
  }

  @AfterEach
  void stop() {
    h.close();
  }

  private static String[] headers(String[] from, String token) {
    return new String[] {from[0], from[1], "Authorization", "Bearer " + token};
  }

  private Reply list(String[] from, String token) {
    return h.get(TOKEN, headers(from, token));
  }

  private void failFourTimes(String[] from) {
    for (int i = 0; i < 4; i++) {
      assertThat(list(from, WRONG).status()).as("failure %d", i + 1).isEqualTo(401);
    }
  }

  @Test
  void moreThanNFailures_get429WithRetryAfter_evenWithTheRightToken_whileAnotherAddressIsServed() {
    failFourTimes(FROM_A); // the limit is 3: the fourth failure is "more than 3"

    Reply wrong = list(FROM_A, WRONG);
    Reply right = list(FROM_A, admin);

    assertThat(wrong.status()).isEqualTo(429);
    assertThat(wrong.body()).isEqualTo(THROTTLED);
    assertThat(wrong.header("Content-Type")).startsWith("application/json");
    assertThat(wrong.header("Retry-After")).isEqualTo("60");
    assertThat(right.status()).as("refused before the token is checked").isEqualTo(429);
    assertThat(list(FROM_B, WRONG).status()).isEqualTo(401);
    assertThat(list(FROM_B, admin).status()).isEqualTo(200);
  }

  @Test
  void retryAfter_countsDown_andTheAddressRecoversWhenTheWindowHasPassed() {
    failFourTimes(FROM_A);
    h.clock.advance(Duration.ofSeconds(45));
    assertThat(list(FROM_A, admin).header("Retry-After")).isEqualTo("15");

    h.clock.advance(Duration.ofSeconds(15));

    assertThat(list(FROM_A, admin).status()).isEqualTo(200);
    assertThat(list(FROM_A, WRONG).status()).as("a fresh window").isEqualTo(401);
  }

  @Test
  void everyRouteThatChecksAToken_isThrottled_andRoutesThatCheckNoneAreNot() {
    failFourTimes(FROM_A);

    assertThat(h.get("/ping", headers(FROM_A, admin)).status()).isEqualTo(429);
    assertThat(h.get("/health", FROM_A).status()).as("no token presented").isEqualTo(429);
    assertThat(h.get("/no/such/path", headers(FROM_A, admin)).status()).isEqualTo(429);
    assertThat(h.get("/console/", FROM_A).status()).as("a public asset").isEqualTo(200);
  }

  @Test
  void forwardAuthentication_answers429_butNginxAuthRequest403_bothWithRetryAfter() {
    failFourTimes(FROM_A);

    Reply traefik = h.get("/api/authz/forward-auth", headers(FROM_A, admin));
    Reply envoy = h.get("/api/authz/ext-authz/orders", headers(FROM_A, admin));
    Reply nginx = h.get("/api/authz/auth-request", headers(FROM_A, admin));

    assertThat(traefik.status()).isEqualTo(429);
    assertThat(traefik.body()).isEqualTo(THROTTLED);
    assertThat(traefik.header("Retry-After")).isEqualTo("60");
    assertThat(envoy.status()).isEqualTo(429);
    assertThat(nginx.status()).as("nginx turns a 429 into a 500").isEqualTo(403);
    assertThat(nginx.body()).isEqualTo(THROTTLED);
    assertThat(nginx.header("Retry-After")).isEqualTo("60");
    assertThat(h.get("/api/authz/forward-auth", headers(FROM_B, admin)).status()).isEqualTo(200);
  }

  @Test
  void forwardAuthenticationFailures_countTowardsTheSameLimit() {
    for (int i = 0; i < 4; i++) {
      assertThat(h.get("/api/authz/forward-auth", headers(FROM_A, WRONG)).status()).isEqualTo(401);
    }

    assertThat(list(FROM_A, admin).status()).isEqualTo(429);
  }

  @Test
  void metrics_countFailuresAndThrottledRequests() {
    failFourTimes(FROM_A);
    list(FROM_A, admin);
    list(FROM_A, WRONG);
    list(FROM_B, WRONG);

    String metrics = h.get("/metrics", headers(FROM_B, admin)).body();

    assertThat(metrics)
        .contains("tollgate_auth_failures_total 5.0")
        .contains("tollgate_auth_throttled_total 2.0")
        .contains("tollgate_audit_failures_dropped_total 0.0")
        .contains("tollgate_audit_failures_recorded_total 0.0");
  }

  @Test
  void failuresAndDenials_reachTheAudit_coalescedPerAddressFingerprintAndAction_withoutTheToken() {
    failFourTimes(FROM_A);
    list(FROM_B, WRONG);
    String reader = resourceToken();
    assertThat(list(FROM_B, reader).status()).isEqualTo(403);
    h.clock.advance(FailureQueue.WINDOW);

    List<FailureEvent> events = awaitEvents(3);

    assertThat(events)
        .extracting(e -> e.action() + " " + e.clientAddress() + " " + e.count() + " " + e.path())
        .containsExactlyInAnyOrder(
            "AUTH_FAILED 198.51.100.7 4 " + TOKEN,
            "AUTH_FAILED 203.0.113.9 1 " + TOKEN,
            "AUTHZ_DENIED 203.0.113.9 1 " + TOKEN);
    FailureEvent wrongFromA = failed(events, "198.51.100.7");
    FailureEvent wrongFromB = failed(events, "203.0.113.9");
    assertThat(wrongFromB.credentialFp())
        .as("same token, same fingerprint")
        .isEqualTo(wrongFromA.credentialFp());
    assertThat(events.toString())
        .doesNotContain(WRONG)
        .doesNotContain(reader)
        .doesNotContain(admin);
    assertThat(events)
        .filteredOn(e -> e.action() == FailureAction.AUTHZ_DENIED)
        .singleElement()
        .satisfies(e -> assertThat(e.actor().label()).contains("reader"));
    assertThat(h.get("/metrics", headers(FROM_B, admin)).body())
        .contains("tollgate_audit_failures_recorded_total 3.0");
  }

  private static FailureEvent failed(List<FailureEvent> events, String address) {
    return events.stream()
        .filter(e -> e.action() == FailureAction.AUTH_FAILED)
        .filter(e -> e.clientAddress().equals(address))
        .findFirst()
        .orElseThrow();
  }

  private String resourceToken() {
    Reply reply =
        h.post(
            "/api/v3/enterprise/configure/token",
            "{\"token_name\":\"reader\",\"permissions\":[{\"resource_type\":\"db\","
                + "\"resource_names\":[\"orders\"],\"actions\":[\"read\"]}]}",
            Harness.bearerJson(admin));
    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    return reply.field("token");
  }

  /** The drainer runs every second: waits (up to 10 s) until the ring holds {@code n} events. */
  private List<FailureEvent> awaitEvents(int n) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      List<FailureEvent> events = h.server.failureRing().latest();
      if (events.size() >= n) {
        return events;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    return h.server.failureRing().latest();
  }
}
