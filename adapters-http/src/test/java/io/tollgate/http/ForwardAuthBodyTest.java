package io.tollgate.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

  private static final Pattern STATUS_LINE = Pattern.compile("HTTP/1\\.1 (\\d{3}) ");

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
    String head = exchange(64 * 1024);

    assertThat(statuses(head)).containsExactly(401, 401);
    assertThat(head.toLowerCase(java.util.Locale.ROOT).split("\r\n\r\n")[0])
        .doesNotContain("connection: close");
  }

  @Test
  void aBodyOverTheLimit_isAnsweredAndTheConnectionClosed() throws Exception {
    String head = exchange(ForwardAuth.DISCARDED_BODY_LIMIT + 64 * 1024);

    assertThat(statuses(head)).containsExactly(401);
    assertThat(head.toLowerCase(java.util.Locale.ROOT)).contains("connection: close");
  }

  /**
   * Sends a forward-authentication POST with a body of {@code bodyBytes}, its headers first and the
   * body 200 ms later, then a second request on the same connection; returns all that came back.
   */
  private String exchange(long bodyBytes) throws IOException, InterruptedException {
    try (Socket socket = new Socket("127.0.0.1", h.server.port())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST "
                  + ForwardAuth.FORWARD_AUTH
                  + " HTTP/1.1\r\nHost: t\r\n"
                  + "Content-Type: application/octet-stream\r\nContent-Length: "
                  + bodyBytes
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      Thread.sleep(200);
      byte[] chunk = new byte[8192];
      try {
        for (long left = bodyBytes; left > 0; left -= chunk.length) {
          out.write(chunk, 0, (int) Math.min(chunk.length, left));
        }
        out.write(
            ("GET "
                    + ForwardAuth.FORWARD_AUTH
                    + " HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
      } catch (IOException e) {
        // the server closed the connection: what it answered is read below
      }
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream received = new ByteArrayOutputStream();
      int read;
      try {
        while ((read = in.read(chunk)) >= 0) {
          received.write(chunk, 0, read);
        }
      } catch (IOException e) {
        // reset after the answer: keep what arrived
      }
      return received.toString(StandardCharsets.ISO_8859_1);
    }
  }

  private static List<Integer> statuses(String received) {
    List<Integer> statuses = new ArrayList<>();
    Matcher matcher = STATUS_LINE.matcher(received);
    while (matcher.find()) {
      statuses.add(Integer.parseInt(matcher.group(1)));
    }
    return statuses;
  }
}
