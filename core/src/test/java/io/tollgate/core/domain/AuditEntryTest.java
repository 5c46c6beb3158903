package io.tollgate.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AuditEntryTest {
  private static final Instant T0 = Instant.parse("2026-01-02T03:04:05.678Z");
  private static final String SECRET = "apiv3_" + "A".repeat(86);
  private static final RequestOrigin ORIGIN = new RequestOrigin("10.0.0.1", "GET", "/x", null);

  @Test
  void anUnknownAction_isRefused() {
    assertThatThrownBy(() -> new AuditEntry(T0, "created", "ci", Actor.BOOTSTRAP))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown audit action");
  }

  @Test
  void aCredentialFingerprint_mustBe16Hex_andTheRefusalNeverQuotesIt() {
    assertThatThrownBy(
            () ->
                new AuditEntry(
                    T0, AuditEntry.AUTH_FAILED, null, Actor.UNAUTHENTICATED, ORIGIN, SECRET, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining(SECRET);
  }

  @Test
  void aRefusalNeedsAFingerprint_andAChangeHasNone() {
    assertThatThrownBy(
            () ->
                new AuditEntry(
                    T0, AuditEntry.AUTH_FAILED, null, Actor.UNAUTHENTICATED, ORIGIN, null, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new AuditEntry(
                    T0,
                    AuditEntry.TOKEN_CREATED,
                    "ci",
                    Actor.BOOTSTRAP,
                    ORIGIN,
                    "0123456789abcdef",
                    1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aChangeCountsOne_andARefusalAtLeastOne() {
    assertThatThrownBy(
            () ->
                new AuditEntry(T0, AuditEntry.TOKEN_CREATED, "ci", Actor.BOOTSTRAP, null, null, 2))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new AuditEntry(
                    T0,
                    AuditEntry.AUTHZ_DENIED,
                    null,
                    Actor.UNAUTHENTICATED,
                    ORIGIN,
                    "0123456789abcdef",
                    0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theActorsRequest_becomesTheEntrysOrigin_andTheTimeIsCutToMilliseconds() {
    RequestOrigin origin =
        new RequestOrigin("10.0.0.1", "DELETE", "/api/v3/configure/token?token_name=x", "r1");
    AuditEntry entry =
        new AuditEntry(
            T0.plusNanos(999), AuditEntry.TOKEN_DELETED, "x", Actor.BOOTSTRAP.withOrigin(origin));

    assertThat(entry.origin().path()).isEqualTo("/api/v3/configure/token");
    assertThat(entry.actor()).isEqualTo(Actor.BOOTSTRAP);
    assertThat(entry.at()).isEqualTo(T0);
  }

  @Test
  void aRequestId_outsideTheSafeAlphabet_isRefused() {
    assertThatThrownBy(() -> new RequestOrigin("10.0.0.1", "GET", "/", "a b\n"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(RequestOrigin.isPlausibleRequestId("x".repeat(129))).isFalse();
    assertThat(RequestOrigin.isPlausibleRequestId("3f2a-11ef:9")).isTrue();
  }

  @Test
  void aQuery_refusesALimitOutOf1To10000_andAnUnknownAction() {
    assertThatThrownBy(() -> new AuditQuery(Optional.empty(), Optional.empty(), 0))
        .isInstanceOf(InvalidAuditQueryException.class)
        .hasMessage("limit must be 1 to 10000, got 0");
    assertThatThrownBy(() -> new AuditQuery(Optional.empty(), Optional.empty(), 10_001))
        .isInstanceOf(InvalidAuditQueryException.class);
    assertThatThrownBy(() -> new AuditQuery(Optional.empty(), Optional.of("created"), 10))
        .isInstanceOf(InvalidAuditQueryException.class)
        .hasMessageStartingWith("unknown audit action 'created': expected one of token.created");
    assertThat(AuditQuery.latest().limit()).isEqualTo(100);
  }

  @Test
  void theOriginsColumns_areTheRequestsOrNullOutsideOne_andReadBackAsTheSameOrigin() {
    RequestOrigin origin = new RequestOrigin("10.0.0.1", "POST", "/api/v3/x", "req-1");
    AuditEntry inRequest =
        new AuditEntry(T0, AuditEntry.TOKEN_CREATED, "ci", Actor.BOOTSTRAP, origin, null, 1);
    AuditEntry outside = new AuditEntry(T0, AuditEntry.TOKEN_CREATED, "ci", Actor.BOOTSTRAP);

    assertThat(inRequest.clientAddress()).isEqualTo("10.0.0.1");
    assertThat(inRequest.method()).isEqualTo("POST");
    assertThat(inRequest.path()).isEqualTo("/api/v3/x");
    assertThat(inRequest.requestId()).isEqualTo("req-1");
    assertThat(outside.clientAddress()).isNull();
    assertThat(outside.method()).isNull();
    assertThat(outside.path()).isNull();
    assertThat(outside.requestId()).isNull();
    assertThat(
            RequestOrigin.ofStored(
                inRequest.clientAddress(),
                inRequest.method(),
                inRequest.path(),
                inRequest.requestId()))
        .isEqualTo(origin);
    assertThat(RequestOrigin.ofStored(null, null, null, null)).isNull();
    assertThat(RequestOrigin.ofStored("10.0.0.1", null, "/x", null)).isNull();
  }
}
