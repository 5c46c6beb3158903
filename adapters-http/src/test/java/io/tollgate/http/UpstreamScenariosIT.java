package io.tollgate.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.http.Harness.Reply;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** InfluxDB 3 Core's token scenarios against a real server on a random port. */
class UpstreamScenariosIT {
  private static final String NAMED = "/api/v3/configure/token/named_admin";
  private static final String REGENERATE = "/api/v3/configure/token/admin/regenerate";

  @Test
  void createOperator_worksOnce_secondIs409() {
    try (Harness h = Harness.start()) {
      assertThat(h.post("/api/v3/configure/token/admin", null).status()).isEqualTo(201);
      Reply second = h.post("/api/v3/configure/token/admin", null);
      assertThat(second.status()).isEqualTo(409);
      assertThat(second.body()).isEqualTo("token name already exists, _admin");
    }
  }

  @Test
  void regenerate_rejectsThePreviousSecretImmediately_andTheNewOneWorks() {
    try (Harness h = Harness.start()) {
      String old = h.createOperator();
      Reply regenerated = h.post(REGENERATE, null, Harness.bearer(old));
      assertThat(regenerated.status()).isEqualTo(201);
      String fresh = regenerated.field("token");
      assertThat(fresh).isNotEqualTo(old);
      assertThat(h.get("/api/v3/configure/token", Harness.bearer(old)).status()).isEqualTo(401);
      assertThat(h.post(REGENERATE, null, Harness.bearer(old)).status()).isEqualTo(401);
      assertThat(h.get("/api/v3/configure/token", Harness.bearer(fresh)).status()).isEqualTo(200);
    }
  }

  @Test
  void namedAdmin_worksAsAnAdmin_andItsNameIsUnique() {
    try (Harness h = Harness.start()) {
      String admin = h.createOperator();
      Reply created = h.post(NAMED, "{\"token_name\":\"ci\"}", Harness.bearerJson(admin));
      assertThat(created.status()).isEqualTo(201);
      String named = created.field("token");
      Reply byNamed = h.post(NAMED, "{\"token_name\":\"ci2\"}", Harness.bearerJson(named));
      assertThat(byNamed.status()).isEqualTo(201);
      assertThat(h.post(NAMED, "{\"token_name\":\"ci\"}", Harness.bearerJson(named)).status())
          .isEqualTo(409);
    }
  }

  @Test
  void namedToken_cannotRegenerateTheOperatorToken_onlyTheOperatorSecretMay() {
    try (Harness h = Harness.start()) {
      String admin = h.createOperator();
      String named =
          h.post(NAMED, "{\"token_name\":\"ci\"}", Harness.bearerJson(admin)).field("token");
      Reply refused = h.post(REGENERATE, null, Harness.bearer(named));
      assertThat(refused.status()).isEqualTo(403);
      assertThat(refused.body()).isEqualTo(OperatorTokenRulesTest.FORBIDDEN);
      assertThat(h.get("/api/v3/configure/token", Harness.bearer(admin)).status()).isEqualTo(200);
      Reply reply = h.post(REGENERATE, null, Harness.bearer(admin));
      assertThat(reply.status()).isEqualTo(201);
      assertThat(reply.field("name")).isEqualTo("_admin");
      assertThat(h.get("/api/v3/configure/token", Harness.bearer(named)).status()).isEqualTo(200);
      assertThat(h.get("/api/v3/configure/token", Harness.bearer(admin)).status()).isEqualTo(401);
    }
  }

  @Test
  void expiry_afterTwoSeconds_is401_onTheInjectedClock() {
    try (Harness h = Harness.start()) {
      String admin = h.createOperator();
      String named =
          h.post(NAMED, "{\"token_name\":\"short\",\"expiry_secs\":2}", Harness.bearerJson(admin))
              .field("token");
      h.clock.advance(Duration.ofMillis(1999));
      assertThat(h.get("/api/v3/configure/token", Harness.bearer(named)).status()).isEqualTo(200);
      h.clock.advance(Duration.ofMillis(1));
      assertThat(h.get("/api/v3/configure/token", Harness.bearer(named)).status()).isEqualTo(401);
      assertThat(h.get("/api/v3/configure/token", Harness.bearer(admin)).body())
          .contains("\"name\":\"short\"");
    }
  }

  @Test
  void expiry_afterTwoSeconds_is401_inRealTime() throws InterruptedException {
    try (Harness h = Harness.startReal(b -> b)) {
      String admin = h.createOperator();
      String named =
          h.post(NAMED, "{\"token_name\":\"short\",\"expiry_secs\":2}", Harness.bearerJson(admin))
              .field("token");
      assertThat(h.get("/api/v3/configure/token", Harness.bearer(named)).status()).isEqualTo(200);
      Thread.sleep(2_100);
      assertThat(h.get("/api/v3/configure/token", Harness.bearer(named)).status()).isEqualTo(401);
    }
  }

  @Test
  void delete_namedToken_alsoByItself_operatorIs405_unknownIs404() {
    try (Harness h = Harness.start()) {
      String admin = h.createOperator();
      h.post(NAMED, "{\"token_name\":\"a\"}", Harness.bearerJson(admin));
      String self =
          h.post(NAMED, "{\"token_name\":\"self\"}", Harness.bearerJson(admin)).field("token");
      assertThat(h.delete("/api/v3/configure/token?token_name=a", Harness.bearer(admin)).status())
          .isEqualTo(200);
      assertThat(h.delete("/api/v3/configure/token?token_name=self", Harness.bearer(self)).status())
          .isEqualTo(200);
      assertThat(h.get("/api/v3/configure/token", Harness.bearer(self)).status()).isEqualTo(401);
      Reply operator = h.delete("/api/v3/configure/token?token_name=_admin", Harness.bearer(admin));
      assertThat(operator.status()).isEqualTo(405);
      assertThat(operator.body()).isEqualTo("cannot delete operator token");
      Reply unknown = h.delete("/api/v3/configure/token?token_name=a", Harness.bearer(admin));
      assertThat(unknown.status()).isEqualTo(404);
      assertThat(unknown.body()).isEqualTo("the requested resource was not found: a");
    }
  }

  @Test
  void withoutAuth_everythingUnderTheTokenApiIs405() {
    try (Harness h = Harness.start(b -> b.withoutAuth(true))) {
      assertThat(h.post("/api/v3/configure/token/admin", null).status()).isEqualTo(405);
      assertThat(h.post(REGENERATE, null).status()).isEqualTo(405);
      assertThat(
              h.post(NAMED, "{\"token_name\":\"x\"}", "Content-Type", "application/json").status())
          .isEqualTo(405);
      assertThat(h.delete("/api/v3/configure/token?token_name=x").status()).isEqualTo(405);
      assertThat(h.get("/api/v3/configure/token").status()).isEqualTo(405);
    }
  }
}
