package io.tollgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve --shutdown-grace} of the packaged jar: on SIGTERM the server stops accepting, and a
 * request already in flight (a token creation whose chunked body arrives over two seconds) finishes
 * with its normal status within the grace; past the grace the server stops anyway.
 */
class ShutdownGraceIT {
  private static final String NAMED_ADMIN = "/api/v3/configure/token/named_admin";

  @TempDir Path dataDir;

  private static String createOperator(String url) throws Exception {
    HttpResponse<String> created =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(url + "/api/v3/configure/token/admin"))
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(created.statusCode()).isEqualTo(201);
    return new ObjectMapper().readTree(created.body()).get("token").asText();
  }

  /** Sends the request line, headers and the first chunk of a named-admin creation. */
  private static Socket startSlowCreation(URI server, String token) throws IOException {
    Socket socket = new Socket(server.getHost(), server.getPort());
    socket.setSoTimeout(20_000);
    String head =
        "POST "
            + NAMED_ADMIN
            + " HTTP/1.1\r\nHost: "
            + server.getHost()
            + "\r\nAuthorization: Bearer "
            + token
            + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";
    OutputStream out = socket.getOutputStream();
    out.write(head.getBytes(StandardCharsets.US_ASCII));
    chunk(out, "{\"token_name\":");
    return socket;
  }

  private static void chunk(OutputStream out, String data) throws IOException {
    byte[] bytes = data.getBytes(StandardCharsets.UTF_8);
    out.write((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.write(bytes);
    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  private static String readAll(InputStream in) {
    ByteArrayOutputStream read = new ByteArrayOutputStream();
    byte[] buffer = new byte[4096];
    try {
      for (int n; (n = in.read(buffer)) >= 0; ) {
        read.write(buffer, 0, n);
        if (read.toString(StandardCharsets.UTF_8).contains("\"token\"")) {
          break;
        }
      }
    } catch (IOException e) {
      // the server closed or reset the connection: what was read is the answer
    }
    return read.toString(StandardCharsets.UTF_8);
  }

  private static void awaitLogLine(TollgateProcess.Server server, String text)
      throws InterruptedException {
    for (int i = 0; i < 300 && !server.log().contains(text); i++) {
      Thread.sleep(50);
    }
    assertThat(server.log()).contains(text);
  }

  /**
   * SIGTERM through the process handle: {@link Process#destroy()} would also close our end of the
   * server's stderr, and with it every log line written during the shutdown.
   */
  private static void sigterm(TollgateProcess.Server server) {
    server.process.toHandle().destroy();
  }

  private static boolean accepts(URI server) {
    try (Socket probe = new Socket()) {
      probe.connect(new InetSocketAddress(server.getHost(), server.getPort()), 1_000);
      return true;
    } catch (ConnectException e) {
      return false;
    } catch (IOException e) {
      return false;
    }
  }

  @Test
  void sigterm_stopsAccepting_andAnInFlightUploadFinishesWithItsStatusWithinTheGrace()
      throws Exception {
    try (TollgateProcess.Server server =
        TollgateProcess.Server.start(dataDir, "--shutdown-grace", "10s")) {
      URI uri = URI.create(server.url);
      String token = createOperator(server.url);
      try (Socket slow = startSlowCreation(uri, token)) {
        Thread.sleep(300); // the request is in the handler, reading its body
        long sigterm = System.nanoTime();
        sigterm(server);
        awaitLogLine(server, "SIGTERM received");
        Thread.sleep(300);
        assertThat(accepts(uri)).as("a new connection after SIGTERM").isFalse();
        OutputStream out = slow.getOutputStream();
        Thread.sleep(1_000);
        chunk(out, "\"slow\",");
        Thread.sleep(1_000);
        chunk(out, "\"expiry_secs\":60}");
        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String response = readAll(slow.getInputStream());

        assertThat(response).startsWith("HTTP/1.1 201 ").contains("\"name\":\"slow\"");
        assertThat(server.process.waitFor(15, TimeUnit.SECONDS)).isTrue();
        assertThat(server.process.exitValue()).isZero();
        long millis = (System.nanoTime() - sigterm) / 1_000_000;
        assertThat(millis).isGreaterThan(2_000).isLessThan(10_000);
      }
    }
  }

  @Test
  void pastTheGrace_theServerStopsAnyway_andTheUnfinishedRequestGetsNoAnswer() throws Exception {
    try (TollgateProcess.Server server =
        TollgateProcess.Server.start(dataDir, "--shutdown-grace", "500ms")) {
      URI uri = URI.create(server.url);
      String token = createOperator(server.url);
      try (Socket slow = startSlowCreation(uri, token)) {
        Thread.sleep(300);
        long sigterm = System.nanoTime();
        sigterm(server);
        assertThat(server.process.waitFor(15, TimeUnit.SECONDS)).isTrue();
        long millis = (System.nanoTime() - sigterm) / 1_000_000;
        assertThat(server.process.exitValue()).isZero();
        assertThat(millis).isGreaterThanOrEqualTo(400).isLessThan(5_000);
        assertThat(readAll(slow.getInputStream())).doesNotContain("HTTP/1.1 201");
      }
    }
  }
}
