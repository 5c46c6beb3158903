package io.tollgate.app;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sends raw bytes on a fresh connection, half-closes it (so a server waiting for more body sees the
 * end at once) and reads everything the server answers until it closes.
 */
final class RawExchange {
  private static final Pattern STATUS_LINE = Pattern.compile("^HTTP/1\\.[01] (\\d{3})");
  private static final Pattern CONTENT_LENGTH =
      Pattern.compile("(?im)^content-length:\\s*(\\d+)\\s*$");

  /** One response: its status, its head (status line and headers) and its body. */
  record Response(int status, String head, String body) {}

  /** Everything read back: the responses parsed in order, and whether the read timed out. */
  record Replies(List<Response> responses, boolean timedOut, int bytes) {
    /** The first response, or null if the server closed without answering. */
    Response first() {
      return responses.isEmpty() ? null : responses.get(0);
    }
  }

  private RawExchange() {}

  static Replies send(String host, int port, byte[] request, boolean head, int timeoutMillis)
      throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), timeoutMillis);
      socket.setSoTimeout(timeoutMillis);
      try {
        socket.getOutputStream().write(request);
        socket.getOutputStream().flush();
        socket.shutdownOutput();
      } catch (IOException e) {
        // the server answered and closed before taking everything (413, 431): read the answer
      }
      ByteArrayOutputStream received = new ByteArrayOutputStream();
      boolean timedOut = false;
      InputStream in = socket.getInputStream();
      byte[] chunk = new byte[16 * 1024];
      try {
        int read;
        while ((read = in.read(chunk)) >= 0) {
          received.write(chunk, 0, read);
        }
      } catch (SocketTimeoutException e) {
        timedOut = true;
      } catch (IOException e) {
        // reset after the answer: keep what arrived
      }
      byte[] bytes = received.toByteArray();
      return new Replies(parse(bytes, head), timedOut, bytes.length);
    }
  }

  /** Splits a byte stream into HTTP/1.x responses (Content-Length or chunked bodies). */
  static List<Response> parse(byte[] bytes, boolean head) {
    String text = new String(bytes, StandardCharsets.ISO_8859_1);
    List<Response> responses = new ArrayList<>();
    int at = 0;
    while (at < text.length()) {
      int end = text.indexOf("\r\n\r\n", at);
      if (end < 0) {
        break;
      }
      String responseHead = text.substring(at, end);
      Matcher status = STATUS_LINE.matcher(responseHead);
      if (!status.find()) {
        break;
      }
      int bodyStart = end + 4;
      int code = Integer.parseInt(status.group(1));
      int bodyEnd;
      if (head || code < 200 || code == 204 || code == 304) { // 100 Continue precedes the answer
        bodyEnd = bodyStart;
      } else if (responseHead.toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked")) {
        bodyEnd = chunkedEnd(text, bodyStart);
      } else {
        Matcher length = CONTENT_LENGTH.matcher(responseHead);
        bodyEnd =
            length.find()
                ? Math.min(text.length(), bodyStart + Integer.parseInt(length.group(1)))
                : text.length();
      }
      String body =
          new String(
              text.substring(bodyStart, bodyEnd).getBytes(StandardCharsets.ISO_8859_1),
              StandardCharsets.UTF_8);
      responses.add(new Response(code, responseHead, body));
      if (head && code >= 200) {
        break;
      }
      at = bodyEnd;
    }
    return responses;
  }

  private static int chunkedEnd(String text, int at) {
    int position = at;
    while (position < text.length()) {
      int eol = text.indexOf("\r\n", position);
      if (eol < 0) {
        return text.length();
      }
      int size;
      try {
        size = Integer.parseInt(text.substring(position, eol).split(";", 2)[0].trim(), 16);
      } catch (NumberFormatException e) {
        return text.length();
      }
      if (size == 0) {
        int trailerEnd = text.indexOf("\r\n\r\n", eol);
        return trailerEnd < 0 ? text.length() : trailerEnd + 4;
      }
      position = eol + 2 + size + 2;
    }
    return text.length();
  }
}
