package io.tollgate.http;

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

/**
 * A request whose body arrives after its head, as over a real network, then a second request on the
 * same connection: a server that answers without reading the body finds it still on its way, and
 * closing then resets the connection, so the second request goes unanswered (and the first answer
 * may be lost).
 */
final class LateBody {
  private static final Pattern STATUS_LINE = Pattern.compile("HTTP/1\\.1 (\\d{3}) ");

  private LateBody() {}

  /**
   * Sends {@code head} (request line and headers, without the blank line), the body 200 ms later,
   * then {@code next} (a whole request); returns all that came back until the server closed.
   */
  static String exchange(int port, String head, byte[] body, String next)
      throws IOException, InterruptedException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write((head + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      Thread.sleep(200);
      try {
        for (int from = 0; from < body.length; from += 8192) {
          out.write(body, from, Math.min(8192, body.length - from));
        }
        out.write(next.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
      } catch (IOException e) {
        // the server closed the connection: what it answered is read below
      }
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream received = new ByteArrayOutputStream();
      byte[] chunk = new byte[8192];
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

  /** The status of every response in {@code received}, in order. */
  static List<Integer> statuses(String received) {
    List<Integer> statuses = new ArrayList<>();
    Matcher matcher = STATUS_LINE.matcher(received);
    while (matcher.find()) {
      statuses.add(Integer.parseInt(matcher.group(1)));
    }
    return statuses;
  }

  /** The head of the first response, in lower case. */
  static String firstHead(String received) {
    return received.toLowerCase(java.util.Locale.ROOT).split("\r\n\r\n")[0];
  }
}
