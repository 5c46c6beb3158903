package io.tollgate.http;

import static io.tollgate.http.Harness.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.http.Harness.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The route table is the server's router ({@link RouteTable#addRouterTo}): a row's handler answers
 * its method and path, a path or method without a row gets 404 once a token is checked, and a GET
 * row's path asked with HEAD gets 200 without a body, as when Javalin routed the rows itself.
 */
class TableRouterTest {

  private Harness h;
  private String operator;

  @BeforeEach
  void start() {
    h = Harness.start();
    operator = h.createOperator();
  }

  @AfterEach
  void stop() {
    h.close();
  }

  @Test
  void aRow_isAnsweredByItsHandler() {
    Reply ping = h.get(OpsRoutes.PING, bearer(operator));
    Reply list = h.get(TokenRoutes.TOKEN, bearer(operator));

    assertThat(ping.status()).isEqualTo(200);
    assertThat(list.status()).isEqualTo(200);
    assertThat(list.body()).contains("\"_admin\"");
  }

  @Test
  void aPathWithoutARow_needsAToken_thenGets404() {
    assertThat(h.get("/no/such/path").status()).isEqualTo(401);

    Reply unknown = h.get("/no/such/path", bearer(operator));

    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.body()).isEqualTo("Not found");
  }

  @Test
  void anotherSpellingOfARowsPath_hasNoRow_andGets404() {
    for (String path : new String[] {"/ping/", "/PING", "//ping", "/ping;x", "/%70ing"}) {
      assertThat(h.get(path).status()).as(path).isEqualTo(401);
      Reply spelled = h.get(path, bearer(operator));
      assertThat(spelled.status()).as(path).isEqualTo(404);
      assertThat(spelled.body()).as(path).isEqualTo("Not found");
    }
  }

  @Test
  void aRowsPathWithAnotherMethod_gets404() {
    Reply put = h.send("PUT", TokenRoutes.TOKEN, "{}", bearer(operator));

    assertThat(put.status()).isEqualTo(404);
    assertThat(put.body()).isEqualTo("Not found");
  }

  @Test
  void headOfAGetRow_is200WithoutABody_forAValidToken() {
    assertThat(h.send("HEAD", TokenRoutes.TOKEN, null).status()).isEqualTo(401);

    Reply head = h.send("HEAD", TokenRoutes.TOKEN, null, bearer(operator));
    Reply headOfNothing = h.send("HEAD", "/no/such/path", null, bearer(operator));

    assertThat(head.status()).isEqualTo(200);
    assertThat(head.body()).isEmpty();
    assertThat(headOfNothing.status()).isEqualTo(404);
  }
}
