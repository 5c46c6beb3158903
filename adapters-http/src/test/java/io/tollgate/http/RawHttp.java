package io.tollgate.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Sends bytes no well-behaved client would send, and reads the raw response. */
final class RawHttp {
  private static final Pattern STATUS_LINE = Pattern.compile("HTTP/1\\.1 (\\d{3}) ");

  private RawHttp() {}

  record RawReply(int status, String head, String body) {}

  static RawReply send(int port, byte[] request) {
    return send(port, request, false);
  }

  /** Sends {@code request}, then ends the stream (half-close) as a client that stops early. */
  static RawReply sendThenEndStream(int port, String request) {
    return send(port, request.getBytes(StandardCharsets.ISO_8859_1), true);
  }

  private static RawReply send(int port, byte[] request, boolean endStream) {
    try (Socket socket = open(port)) {
      OutputStream out = socket.getOutputStream();
      try {
        out.write(request);
        out.flush();
        if (endStream) {
          socket.shutdownOutput();
        }
      } catch (IOException e) {
        // the server may answer and close before reading everything (e.g. 413, 431)
      }
      String text = readAll(socket).toString(StandardCharsets.UTF_8);
      int split = text.indexOf("\r\n\r\n");
      if (split < 0) {
        throw new IllegalStateException("no HTTP response: " + text);
      }
      String head = text.substring(0, split);
      String body = text.substring(split + 4);
      int status = Integer.parseInt(head.substring(9, 12));
      if (head.toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked")) {
        body = dechunk(body);
      }
      return new RawReply(status, head, body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Sends {@code head} (request line and headers, without the blank line), its body 200 ms later as
   * over a real network, then {@code next} (a whole request) on the same connection; returns all
   * that came back until the server closed. A server that answers without reading the body finds it
   * still on its way, and closing then resets the connection: the second request goes unanswered,
   * and the first answer may be lost.
   */
  static String sendWithLateBody(int port, String head, byte[] body, String next)
      throws InterruptedException {
    try (Socket socket = open(port)) {
      OutputStream out = socket.getOutputStream();
      out.write((head + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      Thread.sleep(200);
      try {
        out.write(body);
        out.write(next.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
      } catch (IOException e) {
        // the server closed the connection: what it answered is read below
      }
      return readAll(socket).toString(StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
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

  /** The head of the first response in {@code received}, in lower case. */
  static String firstHead(String received) {
    return received.toLowerCase(Locale.ROOT).split("\r\n\r\n")[0];
  }

  /** A connection to the server, reads timing out after 10 s. */
  static Socket open(int port) throws IOException {
    Socket socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout(10_000);
    return socket;
  }

  /** Writes {@code text} (ISO-8859-1) on {@code socket} and flushes it. */
  static void write(Socket socket, String text) throws IOException {
    OutputStream out = socket.getOutputStream();
    out.write(text.getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  /** Everything the server sends until it closes; a reset after an answer keeps what arrived. */
  static ByteArrayOutputStream readAll(Socket socket) throws IOException {
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
    return received;
  }

  static RawReply send(int port, String request) {
    return send(port, request.getBytes(StandardCharsets.ISO_8859_1));
  }

  private static String dechunk(String body) {
    StringBuilder out = new StringBuilder();
    int at = 0;
    while (at < body.length()) {
      int eol = body.indexOf("\r\n", at);
      if (eol < 0) {
        break;
      }
      int size = Integer.parseInt(body.substring(at, eol).trim(), 16);
      if (size == 0) {
        break;
      }
      out.append(body, eol + 2, eol + 2 + size);
      at = eol + 2 + size + 2;
    }
    return out.toString();
  }
}
