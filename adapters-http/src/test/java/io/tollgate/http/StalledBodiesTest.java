package io.tollgate.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A request thread waits for a body only on a route that takes one, once the caller's token holds
 * its permission. Any other request (forward authentication, the bootstrap, a console file, {@code
 * /ping} even with a valid token) has what has arrived of its body dropped, and the connection is
 * closed after the answer if more was announced. Otherwise each connection that stops part-way
 * through its body holds a thread until the idle timeout (30 s), and a few dozen of them, from
 * anyone, hold every request thread the server has. Here more such connections than the server has
 * request threads are each answered at once, and an authenticated request after them too; every
 * read gives up after 5 s.
 */
class StalledBodiesTest {
  private static final int STALLED = JavalinAssembly.MAX_THREADS + 8;
  private static final int READ_TIMEOUT_MILLIS = 5_000;

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
  void forwardAuthentication_withABodyThatStops_isAnsweredAtOnce() throws Exception {
    List<String> answers =
        stall("POST " + ForwardAuth.FORWARD_AUTH + " HTTP/1.1\r\nHost: t\r\n", lengthOf(1000));

    assertEachAnsweredAndClosed(answers, 401);
  }

  @Test
  void theBootstrap_withAChunkedBodyThatStops_isAnsweredAtOnce() throws Exception {
    List<String> answers =
        stall("POST " + TokenRoutes.CREATE_ADMIN + " HTTP/1.1\r\nHost: t\r\n", chunkOf(1000));

    // the operator token exists: the bootstrap is refused, without waiting for the body
    assertEachAnsweredAndClosed(answers, 409);
  }

  @Test
  void aConsoleFile_withAChunkedBodyThatStops_isAnsweredAtOnce() throws Exception {
    List<String> answers = stall("GET /console/ HTTP/1.1\r\nHost: t\r\n", chunkOf(1000));

    assertEachAnsweredAndClosed(answers, 200);
  }

  @Test
  void ping_withAValidTokenAndAChunkedBodyThatStops_isAnsweredAtOnce() throws Exception {
    List<String> answers =
        stall(
            "GET /ping HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer " + admin + "\r\n",
            chunkOf(1000));

    assertEachAnsweredAndClosed(answers, 200);
  }

  @Test
  void aConsoleFile_withADeclaredLengthOverTheLimitThatStops_is413AtOnce() throws Exception {
    List<String> answers = stall("GET /console/ HTTP/1.1\r\nHost: t\r\n", lengthOf(100_000));

    assertEachAnsweredAndClosed(answers, 413);
  }

  @Test
  void aConsoleFile_withAChunkedBodyOverTheLimitThatArrived_is413() throws Exception {
    byte[] body = new byte[70_000];
    String chunked = Integer.toHexString(body.length) + "\r\n" + new String(body) + "\r\n0\r\n\r\n";
    try (Socket socket = connect()) {
      // in one write, so that it has arrived when the server looks
      RawHttp.write(
          socket,
          "GET /console/ HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n" + chunked);

      String answer = RawHttp.readAll(socket).toString(StandardCharsets.ISO_8859_1);
      assertThat(RawHttp.statuses(answer)).containsExactly(413);
    }
  }

  /** Each answer is one response of {@code status}, after which the server closed. */
  private static void assertEachAnsweredAndClosed(List<String> answers, int status) {
    assertThat(answers)
        .allSatisfy(a -> assertThat(RawHttp.statuses(a)).containsExactly(status))
        .allSatisfy(a -> assertThat(RawHttp.firstHead(a)).contains("connection: close"));
  }

  /** Headers with a declared length of {@code length}, and the first byte of the body. */
  private static String lengthOf(int length) {
    return "Content-Length: " + length + "\r\n\r\nx";
  }

  /** Chunked framing announcing one chunk of {@code length}, and its first byte. */
  private static String chunkOf(int length) {
    return "Transfer-Encoding: chunked\r\n\r\n" + Integer.toHexString(length) + "\r\nx";
  }

  /**
   * Opens {@link #STALLED} connections, sends {@code start + rest} on each and nothing more, checks
   * that an authenticated request on a new connection is answered, and returns what came back on
   * each stalled connection.
   */
  private List<String> stall(String start, String rest) throws Exception {
    List<Socket> sockets = new ArrayList<>();
    try {
      for (int i = 0; i < STALLED; i++) {
        Socket socket = connect();
        sockets.add(socket);
        RawHttp.write(socket, start + rest);
      }
      try (Socket other = connect()) {
        RawHttp.write(
            other,
            "GET /ping HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer "
                + admin
                + "\r\nConnection: close\r\n\r\n");
        String answer = RawHttp.readAll(other).toString(StandardCharsets.ISO_8859_1);
        assertThat(RawHttp.statuses(answer)).as("an authenticated /ping").containsExactly(200);
      }
      List<String> answers = new ArrayList<>();
      for (Socket socket : sockets) {
        answers.add(RawHttp.readAll(socket).toString(StandardCharsets.ISO_8859_1));
      }
      return answers;
    } finally {
      for (Socket socket : sockets) {
        socket.close();
      }
    }
  }

  private Socket connect() throws IOException {
    Socket socket = RawHttp.open(h.server.port());
    socket.setSoTimeout(READ_TIMEOUT_MILLIS);
    return socket;
  }
}
