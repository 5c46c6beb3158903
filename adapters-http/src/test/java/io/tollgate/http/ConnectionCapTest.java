package io.tollgate.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.http.HandlerType;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tollgate.http.HttpServerConfig.Bind;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A listener holds at most its cap of connections, below the process's open-file limit: past it, a
 * new connection is not served until the server closes one, which it does sooner for idle ones
 * ({@link ConnectionCap#IDLE_AT_CAP}); meanwhile a burst of new connections waits in the listen
 * backlog ({@link JavalinAssembly#ACCEPT_QUEUE}). Here on a listener capped at four.
 */
class ConnectionCapTest {
  private static final int CAP = 4;
  private static final String PING = "GET /ping HTTP/1.1\r\nHost: t\r\n\r\n";

  private JavalinAssembly listener;

  @BeforeEach
  void start() {
    Route ping = Route.of(HandlerType.GET, "/ping", Access.admin(), ctx -> ctx.result("pong"));
    RouteTable routes = new RouteTable(List.of(ping));
    UUID cluster = UUID.randomUUID();
    listener =
        new JavalinAssembly(
            new Bind("127.0.0.1", 0),
            Optional.empty(),
            new PlainJettyErrors(cluster),
            new HttpErrors(cluster, "Not found"),
            new HttpMetrics(new SimpleMeterRegistry(), "test", routes),
            Duration.ZERO,
            false,
            CAP,
            config -> routes.addTo(config.routes));
    listener.start();
  }

  @AfterEach
  void stop() {
    listener.stop();
  }

  @Test
  void capFor_keepsATenthOfTheOpenFileLimit_atLeast256_forTheRestOfTheProcess() {
    assertThat(ConnectionCap.capFor(20_000)).isEqualTo(18_000);
    assertThat(ConnectionCap.capFor(1_024)).isEqualTo(768);
    assertThat(ConnectionCap.capFor(100)).isEqualTo(ConnectionCap.MINIMUM);
    assertThat(ConnectionCap.capFor(0)).isEqualTo(ConnectionCap.WHEN_UNKNOWN);
    assertThat(ConnectionCap.capFor(Long.MAX_VALUE)).isEqualTo(Integer.MAX_VALUE);
    assertThat(ConnectionCap.forThisProcess()).isGreaterThanOrEqualTo(ConnectionCap.MINIMUM);
  }

  @Test
  void pastTheCap_aConnectionWaits_untilTheServerClosesAnIdleOne() throws Exception {
    List<Socket> held = new ArrayList<>();
    try {
      for (int i = 0; i < CAP; i++) {
        Socket socket = connect();
        held.add(socket);
        RawHttp.write(socket, PING);
        assertThat(readResponse(socket)).startsWith("HTTP/1.1 200");
      }

      try (Socket waiting = connect()) {
        RawHttp.write(waiting, PING);
        waiting.setSoTimeout(1_000);
        assertThat(readResponse(waiting)).as("answered past the cap").isEmpty();

        // the held connections are idle: the server closes one after IDLE_AT_CAP, then serves
        waiting.setSoTimeout(10_000);
        assertThat(readResponse(waiting)).startsWith("HTTP/1.1 200");
      }
      int closedByServer = 0;
      for (Socket socket : held) {
        socket.setSoTimeout(100);
        try {
          closedByServer += socket.getInputStream().read() < 0 ? 1 : 0;
        } catch (SocketTimeoutException e) {
          // still open
        }
      }
      assertThat(closedByServer).as("held connections closed by the server").isPositive();
    } finally {
      for (Socket socket : held) {
        socket.close();
      }
    }
  }

  @Test
  void pastTheCap_aBurstOfNewConnectionsWaitsInTheAcceptQueue_ratherThanLosingItsSyns()
      throws Exception {
    List<Socket> sockets = new ArrayList<>();
    try {
      for (int i = 0; i < CAP; i++) {
        sockets.add(connect());
      }
      // nothing more is accepted now: each new connection is completed by the kernel into the
      // listen backlog, or, past it, its SYN is dropped and connect() waits for a retransmit
      int burst = 2 * 50; // twice the JDK's default backlog, within ACCEPT_QUEUE and somaxconn
      for (int i = 0; i < burst; i++) {
        Socket socket = new Socket();
        sockets.add(socket);
        socket.connect(new InetSocketAddress("127.0.0.1", listener.port()), 1_000);
      }
      assertThat(sockets).hasSize(CAP + burst);
    } finally {
      for (Socket socket : sockets) {
        socket.close();
      }
    }
  }

  private Socket connect() throws IOException {
    Socket socket = new Socket("127.0.0.1", listener.port());
    socket.setSoTimeout(10_000);
    return socket;
  }

  /** One response's head and body ("pong"), or "" if none came within the socket's timeout. */
  private static String readResponse(Socket socket) throws IOException {
    InputStream in = socket.getInputStream();
    StringBuilder text = new StringBuilder();
    try {
      int b;
      while ((b = in.read()) >= 0) {
        text.append((char) b);
        if (text.toString().endsWith("pong")) {
          break;
        }
      }
    } catch (SocketTimeoutException e) {
      // nothing, or no more, within the timeout
    }
    return text.toString();
  }
}
