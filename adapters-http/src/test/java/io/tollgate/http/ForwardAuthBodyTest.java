package io.tollgate.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A body sent to forward authentication (a gateway sends none, a client might) is read and dropped
 * before the answer, so the connection stays usable: the next request on it is answered. The body
 * arrives after the headers, as it does over a real network, so that a server answering without
 * reading it would find it still on its way and close the connection.
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
  void aBodyThatArrivesLate_isReadAndDropped_andTheNextRequestOnTheConnectionIsAnswered()
      throws Exception {
    String received = exchange(64 * 1024);

    assertThat(RawHttp.statuses(received)).containsExactly(401, 401);
    assertThat(RawHttp.firstHead(received)).doesNotContain("connection: close");
  }

  @Test
  void aBodyOverTheLimit_isAnsweredAndTheConnectionClosed() throws Exception {
    String received = exchange(UnreadBody.DISCARD_LIMIT + 64 * 1024);

    assertThat(RawHttp.statuses(received)).containsExactly(401);
    assertThat(RawHttp.firstHead(received)).contains("connection: close");
  }

  /** A forward-authentication POST with a body of {@code bodyBytes}, then a GET. */
  private String exchange(long bodyBytes) throws Exception {
    return RawHttp.sendWithLateBody(
        h.server.port(),
        "POST "
            + ForwardAuth.FORWARD_AUTH
            + " HTTP/1.1\r\nHost: t\r\nContent-Type: application/octet-stream\r\n"
            + "Content-Length: "
            + bodyBytes,
        new byte[(int) bodyBytes],
        "GET " + ForwardAuth.FORWARD_AUTH + " HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");
  }
}
