package io.tollgate.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** Sends bytes no well-behaved client would send, and reads the raw response. */
final class RawHttp {
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
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
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
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream buffer = new ByteArrayOutputStream();
      byte[] chunk = new byte[8192];
      int read;
      try {
        while ((read = in.read(chunk)) >= 0) {
          buffer.write(chunk, 0, read);
        }
      } catch (IOException e) {
        // connection reset after the response: keep what arrived
      }
      String text = buffer.toString(StandardCharsets.UTF_8);
      int split = text.indexOf("\r\n\r\n");
      if (split < 0) {
        throw new IllegalStateException("no HTTP response: " + text);
      }
      String head = text.substring(0, split);
      String body = text.substring(split + 4);
      int status = Integer.parseInt(head.substring(9, 12));
      if (head.toLowerCase(java.util.Locale.ROOT).contains("transfer-encoding: chunked")) {
        body = dechunk(body);
      }
      return new RawReply(status, head, body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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
