package io.tollgate.http;

import static io.tollgate.http.GoldenWire.assertJson;
import static io.tollgate.http.GoldenWire.assertPlain;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.http.Harness.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SPEC sections 2, 6 and 8: a named admin token may not regenerate, edit or delete {@code _admin}
 * (403 with InfluxDB 3 Enterprise's body); {@code _admin} itself is told the operator token is
 * immutable (405), and only its own secret regenerates it.
 */
class OperatorTokenRulesTest {
  static final String FORBIDDEN =
      "{\"error\": \"unauthorized to perform requested action with the token\"}";
  private static final String TOKEN = "/api/v3/configure/token";

  private Harness h;
  private String admin;
  private String named;

  @BeforeEach
  void start() {
    h = Harness.start();
    admin = h.createOperator();
    named =
        h.post(TOKEN + "/named_admin", "{\"token_name\":\"ci\"}", Harness.bearerJson(admin))
            .field("token");
  }

  @AfterEach
  void stop() {
    h.close();
  }

  @Test
  void regenerate_byANamedAdminToken_is403AndBothSecretsKeepWorking() {
    assertJson(h.post(TOKEN + "/admin/regenerate", null, Harness.bearer(named)), 403, FORBIDDEN);

    assertThat(h.get(TOKEN, Harness.bearer(admin)).status()).isEqualTo(200);
    assertThat(h.get(TOKEN, Harness.bearer(named)).status()).isEqualTo(200);
    assertThat(h.post(TOKEN + "/admin/regenerate", null, Harness.bearer(admin)).status())
        .isEqualTo(201);
  }

  @Test
  void deleteAndEditOfTheOperatorToken_byANamedAdminToken_are403_byTheOperatorItself405() {
    assertJson(h.delete(TOKEN + "?token_name=_admin", Harness.bearer(named)), 403, FORBIDDEN);
    assertJson(
        h.send(
            "PATCH",
            TOKEN + "?token_name=_admin",
            "{\"status\":\"inactive\"}",
            Harness.bearerJson(named)),
        403,
        FORBIDDEN);
    assertPlain(
        h.delete(TOKEN + "?token_name=_admin", Harness.bearer(admin)),
        405,
        "cannot delete operator token");

    Reply list = h.get(TOKEN, Harness.bearer(admin));
    assertThat(list.status()).isEqualTo(200);
    assertThat(list.body()).contains("\"name\":\"_admin\"").doesNotContain("inactive");
  }

  @Test
  void recoveryCode_isIssuedOnlyOnTheOperatorTokensAuthority_aNamedAdminGets403() {
    assertJson(h.post(TOKEN + "/admin/recovery_code", null, Harness.bearer(named)), 403, FORBIDDEN);

    Reply byOperator = h.post(TOKEN + "/admin/recovery_code", null, Harness.bearer(admin));
    assertThat(byOperator.status()).isEqualTo(201);
    assertThat(byOperator.field("recovery_code")).hasSize(29);
  }
}
