package io.tollgate.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * When the server closes a connection while the client is still sending (an answer given before a
 * body it does not read), the connection is ended on the server's side first and what still arrives
 * is read and dropped, so that no reset overtakes the answer; bounded in time.
 */
class LingeringCloseTest {

  private static final int ANNOUNCED = 70_000;

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
  void aBodyStillArrivingAfterTheAnswer_isReadAndDropped_notReset() throws Exception {
    try (Socket socket = RawHttp.open(h.server.port())) {
      RawHttp.write(socket, head());
      String answer = readToEnd(socket.getInputStream());
      assertThat(RawHttp.statuses(answer)).containsExactly(401);
      assertThat(RawHttp.firstHead(answer)).contains("connection: close");

      // the rest of the body, after the server ended its side: read and dropped, never reset
      OutputStream out = socket.getOutputStream();
      out.write(new byte[ANNOUNCED]);
      out.flush();
      Thread.sleep(4 * LingeringConnector.POLL_MILLIS);
      out.write(new byte[1024]);
      out.flush();
      Thread.sleep(4 * LingeringConnector.POLL_MILLIS);
      out.write(new byte[1024]);
      out.flush();
    }
  }

  @Test
  void aClientThatNeverCloses_isClosedAfterTheLingerTime() throws Exception {
    try (Socket socket = RawHttp.open(h.server.port())) {
      RawHttp.write(socket, head());
      assertThat(RawHttp.statuses(readToEnd(socket.getInputStream()))).containsExactly(401);
      Thread.sleep(LingeringConnector.LINGER_TIME.toMillis() + 500);

      assertThat(writesFail(socket)).isTrue();
    }
  }

  @Test
  void aClientThatEndsItsSide_isClosedAtOnce() throws Exception {
    try (Socket socket = RawHttp.open(h.server.port())) {
      RawHttp.write(socket, head());
      assertThat(RawHttp.statuses(readToEnd(socket.getInputStream()))).containsExactly(401);
      // the answer's end is sent before the connection is closed, and lingers
      assertThat(lingeringWithin(1)).isEqualTo(1);
      socket.shutdownOutput();
      assertThat(lingeringWithin(0)).isZero();
    }
  }

  @Test
  void pastTheMostThatMayLinger_aConnectionClosesAtOnce() throws Exception {
    int most = LingeringConnector.maxLingeringFor(ConnectionCap.forThisProcess());
    List<Socket> sockets = new ArrayList<>();
    try {
      for (int i = 0; i < most + 2; i++) {
        Socket socket = RawHttp.open(h.server.port());
        sockets.add(socket);
        RawHttp.write(socket, head());
        assertThat(RawHttp.statuses(readToEnd(socket.getInputStream()))).containsExactly(401);
      }
      assertThat(lingeringWithin(most)).isEqualTo(most);
      Thread.sleep(4 * LingeringConnector.POLL_MILLIS);
      assertThat(lingering()).isEqualTo(most);
    } finally {
      for (Socket socket : sockets) {
        socket.close();
      }
    }
  }

  @Test
  void theMostThatMayLinger_isASixteenthOfTheConnectionCap_within16And256() {
    assertThat(LingeringConnector.maxLingeringFor(ConnectionCap.RECOVERY)).isEqualTo(16);
    assertThat(LingeringConnector.maxLingeringFor(768)).isEqualTo(48);
    assertThat(LingeringConnector.maxLingeringFor(1_000_000)).isEqualTo(256);
  }

  /**
   * How many connections linger once that count is {@code expected}, or after half the linger time
   * if it never is.
   */
  private int lingeringWithin(int expected) throws InterruptedException {
    long deadline = System.currentTimeMillis() + LingeringConnector.LINGER_TIME.toMillis() / 2;
    while (lingering() != expected && System.currentTimeMillis() < deadline) {
      Thread.sleep(5);
    }
    return lingering();
  }

  private int lingering() {
    return h.server.lingeringConnections();
  }

  /** Whether writing on {@code socket} fails within a few attempts (the server has closed it). */
  private static boolean writesFail(Socket socket) throws InterruptedException {
    try {
      OutputStream out = socket.getOutputStream();
      for (int i = 0; i < 10; i++) {
        out.write(new byte[1024]);
        out.flush();
        Thread.sleep(50);
      }
      return false;
    } catch (IOException e) {
      return true;
    }
  }

  private static String head() {
    return "POST "
        + ForwardAuth.FORWARD_AUTH
        + " HTTP/1.1\r\nHost: t\r\nContent-Length: "
        + ANNOUNCED
        + "\r\n\r\n";
  }

  private static String readToEnd(InputStream in) throws IOException {
    return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
  }
}
