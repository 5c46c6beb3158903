package io.tollgate.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A caller whose token may create tokens still cannot hold request threads with a body that comes
 * slowly or not at all: each wait ends at {@link BodyWaits#DEADLINE} however the bytes trickle in
 * (408), and at most {@link BodyWaits#MAX_WAITING} requests wait at once (503 past that), while a
 * body that arrives whole, or late but in time, is served.
 */
class BodyWaitsTest {
  private static final String BODY = "{\"token_name\": \"late\"}";

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
  void aBodyThatComesInTwoParts_isWaitedForAndServed_andTheConnectionKeepsItsIdleTimeout()
      throws Exception {
    try (Socket socket = connect(5_000)) {
      String keepAlive = head(BODY.length()).replace("Connection: close\r\n", "");
      RawHttp.write(socket, keepAlive + BODY.substring(0, 5));
      Thread.sleep(300);
      RawHttp.write(socket, BODY.substring(5));
      assertThat(RawHttp.statuses(readHead(socket))).containsExactly(201);

      // the wait cut the idle timeout to its deadline; afterwards it is the connection's again
      Thread.sleep(BodyWaits.DEADLINE.plusSeconds(1).toMillis());
      RawHttp.write(socket, "GET /ping HTTP/1.1\r\nHost: t\r\n" + bearer());
      assertThat(RawHttp.statuses(readAnswer(socket))).containsExactly(200);
    }
  }

  @Test
  void aClientThatExpects100Continue_getsItAndIsServed() throws Exception {
    try (Socket socket = connect(5_000)) {
      RawHttp.write(
          socket, head(BODY.length()).replace("\r\n\r\n", "\r\nExpect: 100-continue\r\n\r\n"));
      assertThat(readHead(socket)).startsWith("HTTP/1.1 100 Continue");

      RawHttp.write(socket, BODY);
      assertThat(RawHttp.statuses(readAnswer(socket))).containsExactly(201);
    }
  }

  @Test
  void aBodyThatStopsOrTrickles_isRefusedAtTheDeadline() throws Exception {
    long deadlineMillis = BodyWaits.DEADLINE.toMillis();
    try (Socket stalled = connect(deadlineMillis + 5_000);
        Socket trickling = connect(deadlineMillis + 5_000)) {
      long started = System.nanoTime();
      RawHttp.write(stalled, head(1000) + "{");
      RawHttp.write(trickling, head(1000) + "{");
      // one byte every 500 ms: never idle for long, so only a deadline in all ends it
      String trickled = null;
      while (trickled == null
          && System.nanoTime() - started < (deadlineMillis + 5_000) * 1_000_000) {
        Thread.sleep(500);
        try {
          RawHttp.write(trickling, " ");
        } catch (IOException closed) {
          trickled = readAnswer(trickling);
        }
        if (trickled == null && trickling.getInputStream().available() > 0) {
          trickled = readAnswer(trickling);
        }
      }
      String stalledAnswer = readAnswer(stalled);
      Duration took = Duration.ofNanos(System.nanoTime() - started);

      for (String answer : List.of(stalledAnswer, String.valueOf(trickled))) {
        assertThat(RawHttp.statuses(answer)).containsExactly(408);
        assertThat(RawHttp.firstHead(answer)).contains("connection: close");
        assertThat(answer).contains(BodyWaits.TIMED_OUT);
      }
      assertThat(took)
          .isBetween(BodyWaits.DEADLINE.minusSeconds(1), BodyWaits.DEADLINE.plusSeconds(4));
      assertThat(h.authority.listTokens()).extracting(t -> t.name().value()).doesNotContain("late");
    }
  }

  @Test
  void aBodyOverTheLimitThatStops_is413AfterTheDrainTime() throws Exception {
    try (Socket socket = connect(10_000)) {
      long started = System.nanoTime();
      RawHttp.write(socket, head(100_000) + "{");

      String answer = readAnswer(socket);
      Duration took = Duration.ofNanos(System.nanoTime() - started);
      assertThat(RawHttp.statuses(answer)).as(answer).containsExactly(413);
      assertThat(RawHttp.firstHead(answer)).contains("connection: close");
      // the rest is drained for at most UnreadBody.DISCARD_TIME, not the 30 s idle timeout
      assertThat(took).isLessThan(UnreadBody.DISCARD_TIME.plusSeconds(3));
    }
  }

  @Test
  void pastTheLimitOfWaitingRequests_oneThatWouldWaitIsRefusedAtOnce() throws Exception {
    List<Socket> waiting = new ArrayList<>();
    try {
      for (int i = 0; i < BodyWaits.MAX_WAITING; i++) {
        Socket socket = connect(2_000);
        waiting.add(socket);
        RawHttp.write(socket, head(1000) + "{");
      }
      Thread.sleep(500); // every one of them waiting for its body

      try (Socket oneMore = connect(2_000)) {
        RawHttp.write(oneMore, head(1000) + "{");
        String answer = readAnswer(oneMore);
        assertThat(RawHttp.statuses(answer)).containsExactly(503);
        assertThat(RawHttp.firstHead(answer)).contains("retry-after: 1", "connection: close");
        assertThat(answer).contains(BodyWaits.BUSY);
      }
      // token checks, and a body that arrived whole, need no wait: both still answered
      assertThat(RawHttp.statuses(exchange("GET /ping HTTP/1.1\r\nHost: t\r\n" + bearer())))
          .containsExactly(200);
      assertThat(RawHttp.statuses(exchange(head(BODY.length()) + BODY))).containsExactly(201);
      // a body over the limit that arrived whole is dropped without a wait: its 413 keeps the
      // connection, which a body dropped unread would reset
      try (Socket socket = connect(5_000)) {
        String keepAlive = head(70_000).replace("Connection: close\r\n", "");
        RawHttp.write(socket, keepAlive + "x".repeat(70_000));
        String answer = readHead(socket);
        assertThat(RawHttp.statuses(answer)).containsExactly(413);
        assertThat(RawHttp.firstHead(answer)).doesNotContain("connection: close");
      }
      for (Socket socket : waiting) {
        assertThat(socket.getInputStream().available()).as("still waiting").isZero();
      }
    } finally {
      for (Socket socket : waiting) {
        socket.close();
      }
    }
  }

  private String head(int contentLength) {
    return "POST "
        + TokenRoutes.NAMED_ADMIN
        + " HTTP/1.1\r\nHost: t\r\n"
        + "Authorization: Bearer "
        + admin
        + "\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: "
        + contentLength
        + "\r\n\r\n";
  }

  private String bearer() {
    return "Authorization: Bearer " + admin + "\r\nConnection: close\r\n\r\n";
  }

  private String exchange(String request) throws IOException {
    try (Socket socket = connect(5_000)) {
      RawHttp.write(socket, request);
      return readAnswer(socket);
    }
  }

  private Socket connect(long readTimeoutMillis) throws IOException {
    Socket socket = RawHttp.open(h.server.port());
    socket.setSoTimeout((int) readTimeoutMillis);
    return socket;
  }

  /** Everything the server sent until it closed, or until the read timeout if it did not. */
  private static String readAnswer(Socket socket) throws IOException {
    return RawHttp.readAll(socket).toString(StandardCharsets.ISO_8859_1);
  }

  /** The bytes available once the first have arrived: one short answer on a kept connection. */
  private static String readHead(Socket socket) throws IOException {
    byte[] buffer = new byte[16 * 1024];
    int read = socket.getInputStream().read(buffer);
    return new String(buffer, 0, Math.max(read, 0), StandardCharsets.ISO_8859_1);
  }
}
