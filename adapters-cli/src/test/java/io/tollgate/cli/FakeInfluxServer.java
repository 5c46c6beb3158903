package io.tollgate.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A scripted stand-in for the Tollgate/InfluxDB server on a random local port: it records every
 * request and answers each {@code METHOD /path} with the reply scripted for it (404 {@code Not
 * found} otherwise).
 */
final class FakeInfluxServer implements AutoCloseable {

  static final String TOKEN = "apiv3_" + "A".repeat(86);
  static final String TOKEN_OBJECT =
      "{\"id\":0,\"name\":\"_admin\",\"token\":\""
          + TOKEN
          + "\",\"hash\":\""
          + "ab".repeat(64)
          + "\",\"created_at\":\"2025-04-18T14:02:45.331Z\",\"expiry\":null}";

  record Request(
      String method, String path, String rawQuery, Map<String, String> headers, String body) {

    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  private record Reply(int status, String contentType, String body) {}

  private final HttpServer server;
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final Map<String, Reply> replies = new ConcurrentHashMap<>();

  private FakeInfluxServer(HttpServer server) {
    this.server = server;
  }

  static FakeInfluxServer start() throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    FakeInfluxServer fake = new FakeInfluxServer(server);
    server.createContext("/", fake::handle);
    server.start();
    return fake;
  }

  FakeInfluxServer reply(String method, String path, int status, String body) {
    String type = body.startsWith("{") || body.startsWith("[") ? "application/json" : "text/plain";
    replies.put(method + " " + path, new Reply(status, type, body));
    return this;
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  List<Request> requests() {
    return List.copyOf(requests);
  }

  private void handle(HttpExchange exchange) throws IOException {
    URI uri = exchange.getRequestURI();
    Map<String, String> headers = new TreeMap<>();
    exchange
        .getRequestHeaders()
        .forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
    String body;
    try (InputStream in = exchange.getRequestBody()) {
      body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    String method = exchange.getRequestMethod();
    requests.add(new Request(method, uri.getRawPath(), uri.getRawQuery(), headers, body));
    Reply reply =
        replies.getOrDefault(
            method + " " + uri.getRawPath(), new Reply(404, "text/plain", "Not found"));
    byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", reply.contentType());
    exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      exchange.getResponseBody().write(bytes);
    }
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
