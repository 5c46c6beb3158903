package io.tollgate.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tollgate.core.domain.AuditEntry;
import io.tollgate.core.domain.Expiry;
import io.tollgate.core.domain.IssuedToken;
import io.tollgate.core.domain.TokenName;
import io.tollgate.core.domain.TokenSecret;
import io.tollgate.core.domain.failure.FailureQueue;
import io.tollgate.http.Harness.Reply;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SPEC section 10's audit trail read over HTTP: every action type comes back from {@code GET
 * /api/v3/configure/token/audit} with its request, newest first; refusals coalesced with a count
 * and the credential's fingerprint only; admin tokens only; bad parameters are a 400 that says what
 * is wrong.
 */
class AuditEndpointTest {
  private static final String AUDIT = "/api/v3/configure/token/audit";
  private static final String WRONG = "apiv3_this-is-not-a-token-of-this-server-0123456789";
  private static final ObjectMapper JSON = new ObjectMapper();

  private Harness h;
  private String admin;
  private final List<String> issued = new ArrayList<>();

  @BeforeEach
  void start() {
    h = Harness.start();
    admin = h.createOperator();
    issued.add(admin);
  }

  @AfterEach
  void stop() {
    h.close();
  }

  private JsonNode audit(String query) {
    Reply reply = h.get(AUDIT + query, Harness.bearer(admin));
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    assertThat(reply.header("Content-Type")).startsWith("application/json");
    try {
      return JSON.readTree(reply.body());
    } catch (IOException e) {
      throw new IllegalStateException(reply.body(), e);
    }
  }

  private String created(String path, String body) {
    Reply reply = h.post(path, body, Harness.bearerJson(admin));
    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    String token = reply.field("token");
    issued.add(token);
    return token;
  }

  /** Makes every action of SPEC section 10 happen once (refusals: a few, coalesced). */
  private void everyAction() throws Exception {
    created("/api/v3/configure/token/named_admin", "{\"token_name\":\"ci\"}");
    String reader =
        created(
            "/api/v3/enterprise/configure/token",
            "{\"token_name\":\"reader\",\"permissions\":[{\"resource_type\":\"db\","
                + "\"resource_names\":[\"orders\"],\"actions\":[\"read\"]}]}");
    Reply patched =
        h.send(
            "PATCH",
            "/api/v3/configure/token?token_name=ci",
            "{\"description\":\"build\"}",
            Harness.bearerJson(admin));
    assertThat(patched.status()).as(patched.body()).isEqualTo(200);
    Reply regenerated =
        h.post("/api/v3/configure/token/admin/regenerate", null, Harness.bearer(admin));
    assertThat(regenerated.status()).as(regenerated.body()).isEqualTo(201);
    admin = regenerated.field("token");
    issued.add(admin);
    Reply code = h.post("/api/v3/configure/token/admin/recovery_code", null, Harness.bearer(admin));
    assertThat(code.status()).as(code.body()).isEqualTo(201);
    String recoveryCode = code.field("recovery_code");
    issued.add(recoveryCode);
    IssuedToken recovered = h.recoveryCodes.regenerateWithRecoveryCode(recoveryCode);
    admin = recovered.secret().value();
    issued.add(admin);
    String imported = "apiv3_imported-from-a-file-0123456789abcdef0123456789";
    issued.add(imported);
    h.authority.importToken(
        TokenName.named("from-file"), new TokenSecret(imported), Expiry.never());
    assertThat(h.delete("/api/v3/configure/token?token_name=ci", Harness.bearer(admin)).status())
        .isEqualTo(200);
    for (int i = 0; i < 3; i++) {
      assertThat(h.get("/api/v3/configure/token", Harness.bearer(WRONG)).status()).isEqualTo(401);
    }
    assertThat(h.get("/api/v3/configure/token", Harness.bearer(reader)).status()).isEqualTo(403);
    h.clock.advance(FailureQueue.WINDOW);
    awaitAction(AuditEntry.AUTHZ_DENIED);
    awaitAction(AuditEntry.AUTH_FAILED);
  }

  private void awaitAction(String action) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      if (audit("?action=" + action).size() > 0) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no " + action + " entry within 10 s");
  }

  @Test
  void everyActionType_isReadBack_withItsActorAndRequest_newestFirst() throws Exception {
    everyAction();

    JsonNode all = audit("");
    List<String> actions = new ArrayList<>();
    all.forEach(entry -> actions.add(entry.get("action").asText()));
    assertThat(actions).containsAll(AuditEntry.ACTIONS);
    assertThat(actions.get(actions.size() - 1)).isEqualTo("token.created");
    JsonNode bootstrap = all.get(all.size() - 1);
    assertThat(bootstrap.get("actor").asText()).isEqualTo("bootstrap");
    assertThat(bootstrap.get("token_name").asText()).isEqualTo("_admin");
    assertThat(bootstrap.get("path").asText()).isEqualTo("/api/v3/configure/token/admin");
    assertThat(bootstrap.get("method").asText()).isEqualTo("POST");
    assertThat(bootstrap.get("client_address").asText()).isEqualTo("127.0.0.1");
    assertThat(bootstrap.get("request_id").asText()).isNotBlank();

    JsonNode deleted = audit("?action=token.deleted").get(0);
    assertThat(deleted.get("token_name").asText()).isEqualTo("ci");
    assertThat(deleted.get("actor").asText()).isEqualTo("token 0 (_admin)");
    assertThat(deleted.get("actor_token_id").asLong()).isZero();
    assertThat(deleted.get("path").asText())
        .as("never the query string")
        .isEqualTo("/api/v3/configure/token");
    assertThat(audit("?action=token.imported").get(0).get("actor").asText())
        .isEqualTo("admin token file");
    assertThat(audit("?action=recovery_code.spent").get(0).get("actor").asText())
        .isEqualTo("recovery listener");
    JsonNode denied = audit("?action=authz.denied").get(0);
    assertThat(denied.get("actor").asText()).isEqualTo("token 2 (reader)");
    assertThat(denied.get("credential_fp").asText()).matches("[0-9a-f]{16}");
    assertThat(denied.has("request_id")).isFalse();
  }

  @Test
  void threeIdenticalFailures_areOneEntryWithCount3_andNoTokenStringAppearsAnywhere()
      throws Exception {
    everyAction();

    JsonNode failed = audit("?action=auth.failed");
    assertThat(failed.size()).isEqualTo(1);
    assertThat(failed.get(0).get("count").asLong()).isEqualTo(3);
    assertThat(failed.get(0).get("actor").asText()).isEqualTo("unauthenticated");
    assertThat(failed.get(0).get("path").asText()).isEqualTo("/api/v3/configure/token");
    String body = h.get(AUDIT + "?limit=10000", Harness.bearer(admin)).body();
    for (String secret : issued) {
      assertThat(body).doesNotContain(secret);
    }
    assertThat(body).doesNotContain(WRONG);
  }

  @Test
  void aRequestId_sentByTheCaller_isRecorded_andAnImplausibleOneIsReplaced() {
    Reply reply =
        h.post(
            "/api/v3/configure/token/named_admin",
            "{\"token_name\":\"traced\"}",
            "Authorization",
            "Bearer " + admin,
            "Content-Type",
            "application/json",
            "X-Request-Id",
            "trace-42");
    assertThat(reply.status()).isEqualTo(201);
    h.post(
        "/api/v3/configure/token/named_admin",
        "{\"token_name\":\"untraced\"}",
        "Authorization",
        "Bearer " + admin,
        "Content-Type",
        "application/json",
        "X-Request-Id",
        "has spaces; and=more");

    JsonNode created = audit("?action=token.created&limit=2");
    assertThat(created.get(0).get("token_name").asText()).isEqualTo("untraced");
    assertThat(created.get(0).get("request_id").asText())
        .matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    assertThat(created.get(1).get("request_id").asText()).isEqualTo("trace-42");
  }

  @Test
  void sinceAndLimit_narrowTheAnswer() {
    created("/api/v3/configure/token/named_admin", "{\"token_name\":\"one\"}");
    h.clock.advance(Duration.ofHours(2));
    created("/api/v3/configure/token/named_admin", "{\"token_name\":\"two\"}");
    String since = TokenJson.timestamp(h.clock.instant().minus(Duration.ofHours(1)));

    assertThat(audit("?since=" + since))
        .extracting(n -> n.get("token_name").asText())
        .containsExactly("two");
    assertThat(audit("?limit=1"))
        .extracting(n -> n.get("token_name").asText())
        .containsExactly("two");
    assertThat(audit("?since=2000-01-01T00:00:00%2B02:00").size()).isEqualTo(3);
  }

  @Test
  void aResourceToken_gets403_andNoTokenGets401() {
    String reader =
        created(
            "/api/v3/enterprise/configure/token",
            "{\"token_name\":\"reader\",\"permissions\":[{\"resource_type\":\"db\","
                + "\"resource_names\":[\"orders\"],\"actions\":[\"read\"]}]}");

    assertThat(h.get(AUDIT, Harness.bearer(reader)).status()).isEqualTo(403);
    assertThat(h.get(AUDIT).status()).isEqualTo(401);
  }

  @Test
  void badParameters_are400WithAClearMessage() {
    assertBad("?since=yesterday", "invalid since 'yesterday': expected an RFC 3339 time");
    assertBad("?since=2025-04-18T14:02:45", "invalid since '2025-04-18T14:02:45'");
    assertBad("?limit=0", "limit must be 1 to 10000, got 0");
    assertBad("?limit=10001", "limit must be 1 to 10000, got 10001");
    assertBad("?limit=-1", "invalid limit '-1': expected a whole number from 1 to 10000");
    assertBad("?limit=lots", "invalid limit 'lots'");
    assertBad("?action=created", "unknown audit action 'created': expected one of token.created");
    assertBad("?limit=1&limit=2", "duplicate field `limit`");
  }

  private void assertBad(String query, String message) {
    Reply reply = h.get(AUDIT + query, Harness.bearer(admin));
    assertThat(reply.status()).as(query).isEqualTo(400);
    assertThat(reply.body()).as(query).contains(message);
  }

  @Test
  void theWireShape_isFixed() {
    AuditEntry entry =
        new AuditEntry(
            java.time.Instant.parse("2025-04-18T14:02:45.331Z"),
            AuditEntry.TOKEN_DELETED,
            "ci",
            new io.tollgate.core.domain.Actor(
                    io.tollgate.core.domain.TokenId.of(0), "token 0 (_admin)")
                .withOrigin(
                    new io.tollgate.core.domain.RequestOrigin(
                        "10.0.0.7", "DELETE", "/api/v3/configure/token", "r-1")));
    AuditEntry failure =
        new AuditEntry(
            java.time.Instant.parse("2025-04-18T14:02:46Z"),
            AuditEntry.AUTH_FAILED,
            null,
            io.tollgate.core.domain.Actor.UNAUTHENTICATED,
            new io.tollgate.core.domain.RequestOrigin("10.0.0.8", "GET", "/metrics", null),
            "0123456789abcdef",
            3);

    assertThat(new String(AuditJson.array(List.of(entry, failure))))
        .isEqualTo(
            "[{\"at\":\"2025-04-18T14:02:45.331Z\",\"action\":\"token.deleted\","
                + "\"actor\":\"token 0 (_admin)\",\"actor_token_id\":0,\"token_name\":\"ci\","
                + "\"client_address\":\"10.0.0.7\",\"method\":\"DELETE\","
                + "\"path\":\"/api/v3/configure/token\",\"request_id\":\"r-1\",\"count\":1},"
                + "{\"at\":\"2025-04-18T14:02:46.000Z\",\"action\":\"auth.failed\","
                + "\"actor\":\"unauthenticated\",\"client_address\":\"10.0.0.8\","
                + "\"method\":\"GET\",\"path\":\"/metrics\","
                + "\"credential_fp\":\"0123456789abcdef\",\"count\":3}]");
    assertThat(new String(AuditJson.lines(List.of(failure)))).endsWith("}\n").doesNotContain("[");
  }
}
