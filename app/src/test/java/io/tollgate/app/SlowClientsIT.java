package io.tollgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.app.TollgateProcess.Server;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 12 item 4: clients that pipeline requests and never read their answers must not freeze the
 * packaged server for everyone else, nor leave its memory grown after they leave.
 */
class SlowClientsIT {

  private static final int CLIENTS = 300;
  private static final int PIPELINED = 60;
  private static final long MIB = 1024 * 1024;
  private static final Pattern RSS = Pattern.compile("VmRSS:\\s+(\\d+) kB");

  @TempDir Path temp;

  /**
   * With a token the stuck threads waited in a blocking write; with {@code /metrics} exempt they
   * queued on the histograms' snapshot.
   */
  @ParameterizedTest(name = "metrics exempt: {0}")
  @ValueSource(booleans = {false, true})
  void clientsThatNeverRead_doNotDelayOthers_andTheirMemoryIsReturned(boolean exempt)
      throws Exception {
    // the warm-up presents 50 wrong tokens from one address: throttling (AuthFailureLimitIT) off
    String[] flags =
        exempt
            ? new String[] {"--disable-authz", "metrics", "--auth-failure-limit", "0"}
            : new String[] {"--auth-failure-limit", "0"};
    try (Server server = Server.start(temp.resolve("data"), flags)) {
      URI uri = URI.create(server.url);
      String admin = bootstrapAdmin(uri);
      String scrape =
          exempt ? "GET /metrics HTTP/1.1\r\nHost: t\r\n\r\n" : request("GET", "/metrics", admin);
      // twice, then a pause: the first pass does what a server does once (the store's write path,
      // through the token it creates; the first of each response), the second starts from there,
      // and the baseline comes after both
      warmUp(uri, admin, scrape, "warm-up-1");
      warmUp(uri, admin, scrape, "warm-up-2");
      Thread.sleep(3000);
      long before = rss(server);

      List<Socket> stalled = new ArrayList<>();
      try {
        byte[] pipeline = scrape.repeat(PIPELINED).getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < CLIENTS; i++) {
          Socket socket = new Socket();
          // a small window, as a client that never reads would soon have anyway
          socket.setReceiveBufferSize(4096);
          socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5000);
          socket.getOutputStream().write(pipeline);
          socket.getOutputStream().flush();
          stalled.add(socket);
        }
        Thread.sleep(2000); // let the server answer what it can and get stuck on the rest
        for (int i = 0; i < 3; i++) {
          long started = System.nanoTime();
          String reply = exchange(uri, request("GET", "/ping", admin), 10_000);
          long millis = (System.nanoTime() - started) / 1_000_000;
          assertThat(reply).as("reply to /ping").startsWith("HTTP/1.1 200");
          assertThat(millis)
              .as("/ping answered while %d clients sit on unread responses", CLIENTS)
              .isLessThan(1000);
          Thread.sleep(500);
        }
      } finally {
        for (Socket socket : stalled) {
          socket.setSoLinger(true, 0);
          socket.close();
        }
      }

      long after = settledRss(server, before + 64 * MIB);
      assertThat(after)
          .as("RSS after the clients left (before: %d MiB)", before / MIB)
          .isLessThanOrEqualTo(before + 64 * MIB);
      assertThat(exchange(uri, request("GET", "/ping", admin), 5000)).startsWith("HTTP/1.1 200");
      assertThat(server.log()).doesNotContain("\tat ").doesNotContain("Exception");
    }
  }

  private static String bootstrapAdmin(URI uri) throws IOException {
    String reply =
        exchange(
            uri,
            "POST /api/v3/configure/token/admin HTTP/1.1\r\nHost: t\r\nContent-Length: 0\r\n"
                + "Connection: close\r\n\r\n",
            10_000);
    Matcher token = Pattern.compile("\"token\":\"(apiv3_[^\"]+)\"").matcher(reply);
    assertThat(token.find()).as(reply).isTrue();
    return token.group(1);
  }

  /**
   * A few hundred ordinary requests over several routes and statuses, so that the JIT has compiled
   * the paths and {@code /metrics} carries the histograms a server in use has.
   */
  private static void warmUp(URI uri, String admin, String scrape, String name) throws IOException {
    String batch =
        request("GET", "/ping", admin)
            + request("GET", "/health", admin)
            + request("GET", "/api/v3/configure/token", admin)
            + request("GET", "/nowhere", admin)
            + request("GET", "/ping", "apiv3_unknown")
            + scrape;
    // one write, so that the store's one-time write set-up (Jdbi's first statement, which the
    // audit lines of the wrong tokens would otherwise reach after the baseline) is in it too
    String body = "{\"token_name\":\"" + name + "\"}";
    String create =
        "POST /api/v3/configure/token/named_admin HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer "
            + admin
            + "\r\nContent-Type: application/json\r\nContent-Length: "
            + body.length()
            + "\r\nConnection: close\r\n\r\n"
            + body;
    assertThat(exchange(uri, create, 10_000)).startsWith("HTTP/1.1 201");
    for (int i = 0; i < 50; i++) {
      String replies = exchange(uri, batch + request("GET", "/ping", admin, true), 10_000);
      assertThat(replies).contains("HTTP/1.1 200");
    }
  }

  private static String request(String method, String path, String bearer) {
    return request(method, path, bearer, false);
  }

  private static String request(String method, String path, String bearer, boolean close) {
    return method
        + " "
        + path
        + " HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer "
        + bearer
        + "\r\n"
        + (close ? "Connection: close\r\n" : "")
        + "\r\n";
  }

  /** Sends {@code text} on a new connection and returns what arrives until the server closes. */
  private static String exchange(URI uri, String text, int timeoutMillis) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), timeoutMillis);
      socket.setSoTimeout(timeoutMillis);
      OutputStream out = socket.getOutputStream();
      out.write(text.getBytes(StandardCharsets.UTF_8));
      out.flush();
      InputStream in = socket.getInputStream();
      if (!text.contains("Connection: close")) {
        return firstResponse(in);
      }
      try {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (SocketTimeoutException e) {
        return "no answer within " + timeoutMillis + " ms";
      }
    }
  }

  /** The status line and headers of the first response (enough for a status check). */
  private static String firstResponse(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    try {
      while (head.indexOf("\r\n\r\n") < 0) {
        int b = in.read();
        if (b < 0) {
          break;
        }
        head.append((char) b);
      }
    } catch (SocketTimeoutException e) {
      return "no answer: " + head;
    }
    return head.toString();
  }

  /**
   * The server's resident set once it has settled: the lowest reading over a few seconds, returned
   * early once it is at or below {@code enough}.
   */
  private static long settledRss(Server server, long enough)
      throws IOException, InterruptedException {
    long lowest = Long.MAX_VALUE;
    for (int i = 0; i < 20; i++) {
      lowest = Math.min(lowest, rss(server));
      if (lowest <= enough) {
        return lowest;
      }
      Thread.sleep(500);
    }
    return lowest;
  }

  private static long rss(Server server) throws IOException {
    String status =
        Files.readString(Path.of("/proc", Long.toString(server.process.pid()), "status"));
    Matcher m = RSS.matcher(status);
    assertThat(m.find()).as(status).isTrue();
    return Long.parseLong(m.group(1)) * 1024;
  }
}
