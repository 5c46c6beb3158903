package io.tollgate.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.core.domain.Token;
import io.tollgate.http.Harness.Reply;
import io.tollgate.http.RawHttp.RawReply;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Text that is not valid Unicode (a lone surrogate, bytes that are not UTF-8) is refused with 400
 * in every JSON text field and query parameter, instead of being stored as {@code ?}.
 */
class UnicodeInputTest {
  static final String NAMED_ADMIN = "/api/v3/configure/token/named_admin";

  Harness h;
  String admin;

  @BeforeEach
  void start() {
    h = Harness.start();
    admin = h.createOperator();
  }

  @AfterEach
  void stop() {
    h.close();
  }

  private Reply createNamed(String json) {
    return h.post(NAMED_ADMIN, json, Harness.bearerJson(admin));
  }

  private void assertRefused(Reply reply, String field) {
    assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
    assertThat(reply.body()).startsWith("serde json error: ").contains("`" + field + "`");
  }

  @Test
  void loneSurrogateEscapes_inTokenName_are400_andNothingIsStored() {
    for (String escaped : new String[] {"x\\ud800", "x\\udc00", "\\ud800x", "x\\udc00\\ud800"}) {
      assertRefused(createNamed("{\"token_name\":\"" + escaped + "\"}"), "token_name");
    }
    assertThat(h.authority.listTokens())
        .extracting(t -> t.name().value())
        .containsExactly("_admin");
  }

  @Test
  void aSurrogatePair_isText_andIsStoredExactly() {
    Reply reply = createNamed("{\"token_name\":\"x\\ud83d\\ude00\"}");

    assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    assertThat(h.authority.listTokens())
        .extracting(t -> t.name().value())
        .contains("x\uD83D\uDE00");
  }

  @Test
  void loneSurrogate_inDescription_is400_onCreateAndOnUpdate() {
    assertRefused(
        createNamed("{\"token_name\":\"ci\",\"description\":\"d\\ud800\"}"), "description");
    assertThat(createNamed("{\"token_name\":\"ci\"}").status()).isEqualTo(201);

    Reply patched =
        h.send(
            "PATCH",
            "/api/v3/configure/token?token_name=ci",
            "{\"description\":\"\\udfff\"}",
            Harness.bearerJson(admin));

    assertRefused(patched, "description");
    assertThat(h.authority.listTokens())
        .filteredOn(t -> t.name().value().equals("ci"))
        .extracting(Token::description)
        .containsOnlyNulls();
  }

  @Test
  void loneSurrogate_inQuerySqlBody_is400() {
    assertRefused(
        h.post(
            "/api/v3/query_sql",
            "{\"db\":\"_internal\",\"q\":\"SELECT * FROM system.tokens\\ud800\"}",
            Harness.bearerJson(admin)),
        "q");
  }

  @Test
  void encodedSurrogateBytes_inTheRawJsonBody_are400() {
    String body = "{\"token_name\":\"x\u00ed\u00a0\u0080\"}"; // bytes ED A0 80: CESU-8 for U+D800
    RawReply reply =
        RawHttp.send(
            h.server.port(),
            ("POST "
                    + NAMED_ADMIN
                    + " HTTP/1.1\r\nHost: a\r\nConnection: close\r\nAuthorization: Bearer "
                    + admin
                    + "\r\nContent-Type: application/json\r\nContent-Length: "
                    + body.getBytes(StandardCharsets.ISO_8859_1).length
                    + "\r\n\r\n"
                    + body)
                .getBytes(StandardCharsets.ISO_8859_1));

    assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
    assertThat(h.authority.listTokens()).hasSize(1);
  }

  @Test
  void queryParameters_thatAreNotUtf8_are400_onDeleteAndUpdate() {
    assertThat(createNamed("{\"token_name\":\"ci\"}").status()).isEqualTo(201);
    for (String name : new String[] {"ci%ED%A0%80", "ci%FF", "ci%C3", "%80ci"}) {
      Reply deleted = h.delete("/api/v3/configure/token?token_name=" + name, Harness.bearer(admin));
      assertThat(deleted.status()).as(name).isEqualTo(400);
      assertThat(deleted.body()).as(name).startsWith("serde error: ").contains("UTF-8");

      Reply patched =
          h.send(
              "PATCH",
              "/api/v3/configure/token?token_name=" + name,
              "{\"description\":\"d\"}",
              Harness.bearerJson(admin));
      assertThat(patched.status()).as(name).isEqualTo(400);
    }
    assertThat(
            h.get(
                    "/api/v3/query_sql?db=_internal&q=SELECT%20*%20FROM%20system.tokens%ED%A0%80",
                    Harness.bearer(admin))
                .status())
        .isEqualTo(400);
    assertThat(h.authority.listTokens()).hasSize(2);
  }

  @Test
  void validUtf8_inQueryParameters_stillDecodes() {
    assertThat(createNamed("{\"token_name\":\"caf\u00e9 bar\"}").status()).isEqualTo(201);

    Reply deleted =
        h.delete("/api/v3/configure/token?token_name=caf%C3%A9+bar", Harness.bearer(admin));

    assertThat(deleted.status()).as(deleted.toString()).isEqualTo(200);
  }
}
