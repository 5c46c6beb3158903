package io.tollgate.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A body sent to forward authentication (a gateway sends none, a client might) is dropped before
 * the answer, never waited for: the caller's token is not checked yet, and a request thread waits
 * on the network only for a caller whose token is valid (StalledBodiesTest). A body that arrived
 * with the request leaves the connection usable; one announced but not arrived gets the answer at
 * once and the connection closed after it.
 */
class ForwardAuthBodyTest {

  private Harness h;

  @BeforeEach
  void start() {
    h = Harness.start();
  }

  @AfterEach
  void stop() {
    h.close();
  }

  @Test
  void aBodyThatArrivedWithTheRequest_isDropped_andTheNextRequestOnTheConnectionIsAnswered()
      throws Exception {
    String received =
        exchange(
            head(1024)
                + "x".repeat(1024)
                + "GET "
                + ForwardAuth.FORWARD_AUTH
                + " HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");

    assertThat(RawHttp.statuses(received)).containsExactly(401, 401);
    assertThat(RawHttp.firstHead(received)).doesNotContain("connection: close");
  }

  @Test
  void aBodyThatHasNotArrived_isNotWaitedFor_andTheConnectionIsClosedAfterTheAnswer()
      throws Exception {
    String received = exchange(head(64 * 1024) + "x");

    assertThat(RawHttp.statuses(received)).containsExactly(401);
    assertThat(RawHttp.firstHead(received)).contains("connection: close");
  }

  @Test
  void aClientThatExpects100Continue_isAnsweredWithoutBeingAskedForItsBody() throws Exception {
    // reading would send "100 Continue", inviting a body the server then closes on: the reset
    // could discard the answer on its way to the client
    String received =
        exchange(head(64 * 1024).replace("\r\n\r\n", "\r\nExpect: 100-continue\r\n\r\n"));

    assertThat(RawHttp.statuses(received)).containsExactly(401);
    assertThat(RawHttp.firstHead(received)).contains("connection: close");
  }

  @Test
  void aBodyOverTheDiscardLimit_isAnsweredAndTheConnectionClosed() throws Exception {
    String received = exchange(head(UnreadBody.DISCARD_LIMIT + 64 * 1024) + "x".repeat(1024));

    assertThat(RawHttp.statuses(received)).containsExactly(401);
    assertThat(RawHttp.firstHead(received)).contains("connection: close");
  }

  @Test
  void aValidToken_withABodyThatArrivedBroken_isDenied_neverAllowed() throws Exception {
    String admin = h.createOperator();
    String received =
        exchange(
            "POST "
                + ForwardAuth.FORWARD_AUTH
                + " HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer "
                + admin
                + "\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nnot a chunk\r\n0\r\n\r\n");

    assertThat(RawHttp.statuses(received)).containsExactly(403);
    // the same token without a body is allowed: the refusal is the broken body's
    assertThat(RawHttp.statuses(exchange(get(admin)))).containsExactly(200);
  }

  private static String get(String token) {
    return "GET "
        + ForwardAuth.FORWARD_AUTH
        + " HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer "
        + token
        + "\r\nConnection: close\r\n\r\n";
  }

  /** A forward-authentication POST's head announcing a body of {@code bodyBytes}. */
  private static String head(long bodyBytes) {
    return "POST "
        + ForwardAuth.FORWARD_AUTH
        + " HTTP/1.1\r\nHost: t\r\nContent-Type: application/octet-stream\r\n"
        + "Content-Length: "
        + bodyBytes
        + "\r\n\r\n";
  }

  /** Sends {@code request} in one write; what came back until the server closed (5 s at most). */
  private String exchange(String request) throws Exception {
    try (Socket socket = RawHttp.open(h.server.port())) {
      socket.setSoTimeout(5_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      return RawHttp.readAll(socket).toString(StandardCharsets.ISO_8859_1);
    }
  }
}
