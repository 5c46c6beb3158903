package io.tollgate.cli;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.net.Proxy;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * {@link HttpTransport} as HTTP/1.1 written on a plain socket, or on a TLS socket for {@code
 * https://} (host name checked as RFC 2818 says, unless the trust manager skips it, as {@code
 * --tls-no-verify}'s does). A CLI call sends one request, so this is all the HTTP it needs: the
 * JDK's {@code java.net.http} client costs a CLI call about 1,000 more classes and a selector
 * thread; {@code HttpURLConnection} has no {@code PATCH}.
 *
 * <p>Reads a response framed by {@code Transfer-Encoding: chunked}, {@code Content-Length} or the
 * end of the connection; skips interim 1xx responses; refuses a response head over 64 KiB.
 */
final class SocketHttpTransport implements HttpTransport {

  static final int MAX_HEAD_BYTES = 64 * 1024;

  private final URI host;
  private final SSLSocketFactory tls;
  private final int connectMillis;
  private final long requestNanos;

  /**
   * @param host the server's {@code http://} or {@code https://} URL, possibly with a path prefix
   * @param tls the TLS socket factory for {@code https://}; null for {@code http://}
   */
  SocketHttpTransport(
      URI host, SSLSocketFactory tls, Duration connectTimeout, Duration requestTimeout) {
    this.host = host;
    this.tls = tls;
    this.connectMillis = (int) connectTimeout.toMillis();
    this.requestNanos = requestTimeout.toNanos();
  }

  @Override
  public Reply exchange(
      String method, String pathAndQuery, Map<String, String> headers, String body)
      throws IOException {
    long deadline = System.nanoTime() + requestNanos;
    byte[] content = body == null ? null : body.getBytes(StandardCharsets.UTF_8);
    byte[] head = head(method, pathAndQuery, headers, content);
    String name = hostName();
    int port = port();
    InetSocketAddress address = new InetSocketAddress(name, port);
    if (address.isUnresolved()) {
      throw new UnknownHostException(name);
    }
    try (Socket socket = open(address, name, port, deadline)) {
      OutputStream out = new BufferedOutputStream(socket.getOutputStream());
      out.write(head);
      if (content != null) {
        out.write(content);
      }
      out.flush();
      return read(new BufferedInputStream(new BeforeDeadline(socket, deadline)));
    } catch (SocketTimeoutException e) {
      throw responseTimeout();
    }
  }

  private Socket open(InetSocketAddress address, String name, int port, long deadline)
      throws IOException {
    Socket plain = new Socket(Proxy.NO_PROXY);
    try {
      plain.connect(address, connectMillis);
    } catch (SocketTimeoutException e) {
      plain.close();
      throw new ConnectTimeout("connect timed out");
    } catch (IOException e) {
      plain.close();
      throw e;
    }
    if (tls == null) {
      return plain;
    }
    try {
      SSLSocket socket = (SSLSocket) tls.createSocket(plain, name, port, true);
      SSLParameters parameters = socket.getSSLParameters();
      parameters.setEndpointIdentificationAlgorithm("HTTPS");
      socket.setSSLParameters(parameters);
      socket.setSoTimeout(remainingMillis(deadline));
      socket.startHandshake();
      return socket;
    } catch (IOException e) {
      plain.close();
      throw e;
    }
  }

  private byte[] head(
      String method, String pathAndQuery, Map<String, String> headers, byte[] content) {
    StringBuilder head = new StringBuilder(256);
    head.append(method).append(' ').append(host.getRawPath()).append(oneLine(pathAndQuery));
    head.append(" HTTP/1.1\r\nHost: ").append(host.getHost()); // an IPv6 address in brackets
    if (host.getPort() != -1) {
      head.append(':').append(host.getPort());
    }
    head.append("\r\n");
    for (Map.Entry<String, String> header : headers.entrySet()) {
      head.append(oneLine(header.getKey())).append(": ").append(oneLine(header.getValue()));
      head.append("\r\n");
    }
    if (content != null) {
      head.append("Content-Length: ").append(content.length).append("\r\n");
    } else if (!method.equals("GET") && !method.equals("DELETE")) {
      head.append("Content-Length: 0\r\n");
    }
    head.append("Connection: close\r\n\r\n");
    return head.toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  private static String oneLine(String text) {
    if (text.indexOf('\r') >= 0 || text.indexOf('\n') >= 0) {
      throw new IllegalArgumentException("a line break in a request header");
    }
    return text;
  }

  private String hostName() {
    String name = host.getHost();
    return name.startsWith("[") && name.endsWith("]") ? name.substring(1, name.length() - 1) : name;
  }

  private int port() {
    if (host.getPort() != -1) {
      return host.getPort();
    }
    return tls == null ? 80 : 443;
  }

  private Reply read(InputStream in) throws IOException {
    int[] headBudget = {MAX_HEAD_BYTES};
    while (true) {
      int status = status(line(in, headBudget, true));
      long length = -1;
      boolean chunked = false;
      for (String line = line(in, headBudget, false); !line.isEmpty(); ) {
        int colon = line.indexOf(':');
        if (colon <= 0) {
          throw new ProtocolException("malformed response header");
        }
        String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
        String value = line.substring(colon + 1).trim();
        if (name.equals("transfer-encoding")) {
          chunked = value.toLowerCase(Locale.ROOT).endsWith("chunked");
        } else if (name.equals("content-length")) {
          length = contentLength(value);
        }
        line = line(in, headBudget, false);
      }
      if (status < 200) {
        continue; // an interim response (100 Continue, 103 Early Hints): the real one follows
      }
      int limit = status <= 299 ? Integer.MAX_VALUE : ERROR_BODY_LIMIT;
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      boolean complete = true;
      if (status == 204 || status == 304) {
        // no body by definition
      } else if (chunked) {
        complete = readChunked(in, body, limit, headBudget);
      } else if (length >= 0) {
        copy(in, body, Math.min(length, limit), true);
        complete = length <= limit;
      } else {
        copy(in, body, limit, false);
        complete = body.size() < limit || in.read() < 0;
      }
      return new Reply(status, body.toString(StandardCharsets.UTF_8), length, complete);
    }
  }

  private static int status(String line) throws ProtocolException {
    if (!line.startsWith("HTTP/1.") || line.length() < 12 || line.charAt(8) != ' ') {
      throw new ProtocolException("not an HTTP/1.1 response");
    }
    int status = 0;
    for (int i = 9; i < 12; i++) {
      char c = line.charAt(i);
      if (c < '0' || c > '9') {
        throw new ProtocolException("not an HTTP/1.1 response");
      }
      status = status * 10 + (c - '0');
    }
    if (status < 100 || (line.length() > 12 && line.charAt(12) != ' ')) {
      throw new ProtocolException("not an HTTP/1.1 response");
    }
    return status;
  }

  private static long contentLength(String value) throws ProtocolException {
    if (value.isEmpty() || value.length() > 18) {
      throw new ProtocolException("malformed Content-Length");
    }
    long length = 0;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < '0' || c > '9') {
        throw new ProtocolException("malformed Content-Length");
      }
      length = length * 10 + (c - '0');
    }
    return length;
  }

  /** Reads a chunked body into {@code body}; false when it stopped at {@code limit} bytes. */
  private static boolean readChunked(
      InputStream in, ByteArrayOutputStream body, int limit, int[] headBudget) throws IOException {
    while (true) {
      String line = line(in, headBudget, false);
      int end = line.indexOf(';');
      String hex = (end < 0 ? line : line.substring(0, end)).trim();
      long size;
      try {
        size = hex.isEmpty() || hex.length() > 15 ? -1 : Long.parseLong(hex, 16);
      } catch (NumberFormatException e) {
        size = -1;
      }
      if (size < 0) {
        throw new ProtocolException("malformed chunk size");
      }
      if (size == 0) {
        while (!line(in, headBudget, false).isEmpty()) {
          // trailer fields: ignored
        }
        return true;
      }
      long room = limit - body.size();
      copy(in, body, Math.min(size, room), true);
      if (size > room) {
        return false; // the limit is reached: the rest is dropped with the connection
      }
      if (!line(in, headBudget, false).isEmpty()) {
        throw new ProtocolException("malformed chunk");
      }
    }
  }

  /** Copies {@code count} bytes, or up to {@code count} until the end when not {@code exact}. */
  private static void copy(InputStream in, ByteArrayOutputStream out, long count, boolean exact)
      throws IOException {
    byte[] buffer = new byte[8192];
    long left = count;
    while (left > 0) {
      int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
      if (n < 0) {
        if (exact) {
          throw new EOFException("the response ended before its body did");
        }
        return;
      }
      out.write(buffer, 0, n);
      left -= n;
    }
  }

  /** One line without its CR LF, counted against the response head's size limit. */
  private static String line(InputStream in, int[] budget, boolean first) throws IOException {
    StringBuilder line = new StringBuilder(64);
    while (true) {
      int b = in.read();
      if (b < 0) {
        throw first && line.length() == 0
            ? new EOFException("the server closed the connection without a response")
            : new EOFException("the response ended early");
      }
      if (--budget[0] < 0) {
        throw new ProtocolException("response head over " + MAX_HEAD_BYTES + " bytes");
      }
      if (b == '\n') {
        int last = line.length() - 1;
        return last >= 0 && line.charAt(last) == '\r' ? line.substring(0, last) : line.toString();
      }
      line.append((char) b);
    }
  }

  private ResponseTimeout responseTimeout() {
    return new ResponseTimeout("no response within the request timeout");
  }

  private static int remainingMillis(long deadline) throws ResponseTimeout {
    long left = (deadline - System.nanoTime()) / 1_000_000;
    if (left <= 0) {
      throw new ResponseTimeout("no response within the request timeout");
    }
    return (int) Math.min(left, Integer.MAX_VALUE);
  }

  /** The socket's input, each read bounded by what is left of the request's time. */
  private static final class BeforeDeadline extends FilterInputStream {
    private final Socket socket;
    private final long deadline;

    BeforeDeadline(Socket socket, long deadline) throws IOException {
      super(socket.getInputStream());
      this.socket = socket;
      this.deadline = deadline;
    }

    @Override
    public int read() throws IOException {
      socket.setSoTimeout(remainingMillis(deadline));
      return super.read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      socket.setSoTimeout(remainingMillis(deadline));
      return super.read(b, off, len);
    }
  }
}
