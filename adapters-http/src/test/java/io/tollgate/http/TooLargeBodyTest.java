package io.tollgate.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A body over the API's limit is refused with 413 after what is left of it is read and dropped, so
 * that the client gets the answer (a server that answers and closes with the body still on its way
 * resets the connection, and the client may lose the 413) and the connection stays usable. Past
 * {@link UnreadBody#DISCARD_LIMIT}, or {@link UnreadBody#DISCARD_TIME} of reading, the connection
 * is closed after the 413 instead.
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

  @Test
  void aBodyTrickledOverTheLimit_is413WithinTheDiscardTime_andTheConnectionClosed()
      throws Exception {
    // one byte every 20 ms: draining 100,000 of them would hold a thread for half an hour
    try (Socket socket = RawHttp.open(h.server.port())) {
      OutputStream out = socket.getOutputStream();
      out.write((head("Content-Length: 100000") + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
      Thread trickle =
          new Thread(
              () -> {
                try {
                  for (int i = 0; i < 100_000; i++) {
                    out.write('x');
                    out.flush();
                    Thread.sleep(20);
                  }
                } catch (IOException | InterruptedException e) {
                  // closed by the server, or by the test
                }
              });
      trickle.setDaemon(true);
      trickle.start();

      // the socket's read timeout (10 s) ends the read if no answer comes
      String received = RawHttp.readAll(socket).toString(StandardCharsets.ISO_8859_1);
      trickle.interrupt();

      assertThat(RawHttp.statuses(received)).containsExactly(413);
      assertThat(RawHttp.firstHead(received)).contains("connection: close");
    }
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
