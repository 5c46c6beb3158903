package io.tollgate.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tollgate.http.Harness.Reply;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Bodies larger than Jetty's aggregation buffer go out through non-blocking I/O (issue 12 item 4):
 * they must still arrive whole, with their length, one after another on a pipelined connection.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LargeResponsesTest {

  private static final int TOKENS = 60;

  private Harness h;
  private String admin;

  @BeforeAll
  void start() {
    h = Harness.startReal(b -> b);
    admin = h.createOperator();
    for (int i = 0; i < TOKENS; i++) {
      Reply created =
          h.post(
              "/api/v3/configure/token/named_admin",
              "{\"token_name\": \"token-" + i + "\"}",
              Harness.bearerJson(admin));
      assertThat(created.status()).as(created.body()).isEqualTo(201);
    }
  }

  @AfterAll
  void stop() {
    h.close();
  }

  @Test
  void aBodyLargerThanTheBuffer_arrivesWholeWithItsContentLength() throws Exception {
    Reply list = h.get("/api/v3/configure/token", Harness.bearer(admin));

    assertThat(list.status()).isEqualTo(200);
    byte[] body = list.body().getBytes(StandardCharsets.UTF_8);
    assertThat(body.length).isGreaterThan(Responses.BUFFERED_BODY_BYTES);
    assertThat(list.header("content-length")).isEqualTo(Integer.toString(body.length));
    assertThat(list.header("content-type")).isEqualTo(Responses.JSON);
    assertThat(list.header("cluster-uuid")).isNotBlank();
    assertThat(new ObjectMapper().readTree(body)).hasSize(TOKENS + 1);
  }

  @Test
  void pipelinedLargeBodies_eachArriveWhole_inOrder() throws Exception {
    String list =
        "GET /api/v3/configure/token HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer "
            + admin
            + "\r\n\r\n";
    String ping =
        "GET /ping HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer "
            + admin
            + "\r\nConnection: close\r\n\r\n";
    String expected = h.get("/api/v3/configure/token", Harness.bearer(admin)).body();

    String replies = exchange(list + list + ping);

    String[] parts = replies.split("HTTP/1.1 ", -1);
    assertThat(parts).hasSize(4);
    assertThat(parts[1]).startsWith("200").endsWith("\r\n\r\n" + expected);
    assertThat(parts[2]).startsWith("200").endsWith("\r\n\r\n" + expected);
    assertThat(parts[3]).startsWith("200").contains("\"version\"");
  }

  private String exchange(String requests) throws Exception {
    try (Socket socket = new Socket("127.0.0.1", h.server.port())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(requests.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      in.transferTo(all);
      return all.toString(StandardCharsets.UTF_8);
    }
  }
}
