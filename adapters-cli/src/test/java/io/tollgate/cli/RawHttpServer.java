package io.tollgate.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A server on a random local port that answers every connection with the same raw bytes (after
 * reading the request's head and its {@code Content-Length} body), so that tests can send what a
 * well-behaved server library would not: chunks, interim responses, no length, silence.
 */
final class RawHttpServer implements AutoCloseable {

  private final ServerSocket socket;
  private final byte[] answer;
  private final boolean silent;
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final Thread thread;

  private RawHttpServer(byte[] answer, boolean silent) throws IOException {
    this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.answer = answer;
    this.silent = silent;
    this.thread = new Thread(this::serve, "raw-http-server");
    thread.setDaemon(true);
    thread.start();
  }

  /** Answers each request with {@code answer} (ISO-8859-1), then closes the connection. */
  static RawHttpServer answering(String answer) throws IOException {
    return answering(answer.getBytes(StandardCharsets.ISO_8859_1));
  }

  static RawHttpServer answering(byte[] answer) throws IOException {
    return new RawHttpServer(answer, false);
  }

  /** Reads each request and never answers. */
  static RawHttpServer silent() throws IOException {
    return new RawHttpServer(new byte[0], true);
  }

  String url() {
    return "http://127.0.0.1:" + socket.getLocalPort();
  }

  /** Every request received so far, head and body, exactly as sent. */
  List<String> requests() {
    return List.copyOf(requests);
  }

  private void serve() {
    while (!socket.isClosed()) {
      try (Socket connection = socket.accept()) {
        requests.add(readRequest(connection.getInputStream()));
        if (silent) {
          connection.getInputStream().read(); // until the client gives up
          continue;
        }
        OutputStream out = connection.getOutputStream();
        out.write(answer);
        out.flush();
      } catch (IOException e) {
        // the client hung up early (as after an error body's limit): next connection
      }
    }
  }

  private static String readRequest(InputStream in) throws IOException {
    ByteArrayOutputStream raw = new ByteArrayOutputStream();
    while (!raw.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        return raw.toString(StandardCharsets.ISO_8859_1);
      }
      raw.write(b);
    }
    String head = raw.toString(StandardCharsets.ISO_8859_1);
    int length = 0;
    for (String line : head.split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        length = Integer.parseInt(line.substring("content-length:".length()).trim());
      }
    }
    return head + new String(in.readNBytes(length), StandardCharsets.UTF_8);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
