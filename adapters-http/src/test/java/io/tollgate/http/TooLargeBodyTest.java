package io.tollgate.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A body over the API's limit is refused with 413 after what is left of it is read and dropped, so
 * that the client gets the answer (a server that answers and closes with the body still on its way
 * resets the connection, and the client may lose the 413) and the connection stays usable. Past
 * {@link UnreadBody#DISCARD_LIMIT} the connection is closed after the 413 instead.
 */
class TooLargeBodyTest {

  private static final String NAMED_ADMIN = "/api/v3/configure/token/named_admin";
  private static final String NEXT =
      "GET /api/v3/configure/token HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n";

  private Harness h;
  private String admin;

  @BeforeEach
  void start() {
    h = Harness.start();
    admin = h.createOperator();
  }

  @AfterEach
  void stop() {
    h.close();
  }

  @Test
  void aDeclaredLengthOverTheLimit_is413_andTheNextRequestOnTheConnectionIsAnswered()
      throws Exception {
    String received =
        RawHttp.sendWithLateBody(
            h.server.port(), head("Content-Length: 70000"), body(70_000), NEXT);

    assertThat(RawHttp.statuses(received)).containsExactly(413, 401);
    assertThat(received).contains(PipelineFilter.TOO_LARGE_BODY);
    assertThat(RawHttp.firstHead(received)).doesNotContain("connection: close");
    assertThat(h.get("/api/v3/configure/token", Harness.bearer(admin)).body())
        .doesNotContain("\"x");
  }

  @Test
  void aChunkedBodyOverTheLimit_is413_andTheNextRequestOnTheConnectionIsAnswered()
      throws Exception {
    // well past the limit: Jetty itself consumes a few KiB left unread, not this much
    byte[] payload = body(300_000);
    byte[] chunked =
        (Integer.toHexString(payload.length)
                + "\r\n"
                + new String(payload, StandardCharsets.ISO_8859_1)
                + "\r\n0\r\n\r\n")
            .getBytes(StandardCharsets.ISO_8859_1);

    String received =
        RawHttp.sendWithLateBody(
            h.server.port(), head("Transfer-Encoding: chunked"), chunked, NEXT);

    assertThat(RawHttp.statuses(received)).containsExactly(413, 401);
    assertThat(received).contains(PipelineFilter.TOO_LARGE_BODY);
  }

  @Test
  void aDeclaredLengthOverTheDiscardLimit_is413_andTheConnectionClosed() throws Exception {
    long length = UnreadBody.DISCARD_LIMIT + 1;
    String received =
        RawHttp.sendWithLateBody(
            h.server.port(), head("Content-Length: " + length), body(64 * 1024), NEXT);

    assertThat(RawHttp.statuses(received)).containsExactly(413);
    assertThat(RawHttp.firstHead(received)).contains("connection: close");
  }

  private String head(String framing) {
    return "POST "
        + NAMED_ADMIN
        + " HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer "
        + admin
        + "\r\nContent-Type: application/json\r\n"
        + framing;
  }

  /** A JSON body of {@code bytes} bytes: a valid request but for its size. */
  private static byte[] body(int bytes) {
    String prefix = "{\"token_name\":\"";
    String suffix = "\"}";
    return (prefix + "x".repeat(bytes - prefix.length() - suffix.length()) + suffix)
        .getBytes(StandardCharsets.UTF_8);
  }
}
