package io.tollgate.cli;

import static io.tollgate.cli.FakeInfluxServer.TOKEN;
import static io.tollgate.cli.FakeInfluxServer.TOKEN_OBJECT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.cli.CliRunner.Result;
import io.tollgate.cli.HttpTransport.Reply;
import java.io.IOException;
import java.net.ProtocolException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SocketHttpTransportTest {

  @TempDir Path home;

  private static Reply exchange(RawHttpServer server, String method, String path, String body)
      throws IOException {
    return transport(server.url(), Duration.ofSeconds(10))
        .exchange(method, path, Map.of("Accept", "application/json"), body);
  }

  private static SocketHttpTransport transport(String url, Duration requestTimeout) {
    return new SocketHttpTransport(URI.create(url), null, Duration.ofSeconds(5), requestTimeout);
  }

  @Test
  void request_isOneHttp11RequestWithLengthAndConnectionClose_pathPrefixKept() throws Exception {
    try (RawHttpServer server = RawHttpServer.answering("HTTP/1.1 204 No Content\r\n\r\n")) {
      Map<String, String> headers = new LinkedHashMap<>();
      headers.put("Accept", "application/json");
      headers.put("Authorization", "Bearer t1");
      headers.put("Content-Type", "application/json");
      Reply reply =
          transport(server.url() + "/prefix", Duration.ofSeconds(10))
              .exchange("PATCH", "/api/v3/configure/token?token_name=a%20b", headers, "{\"é\":1}");

      assertThat(statusAndBody(reply)).isEqualTo(new Reply(204, ""));
      int port = URI.create(server.url()).getPort();
      assertThat(server.requests())
          .containsExactly(
              "PATCH /prefix/api/v3/configure/token?token_name=a%20b HTTP/1.1\r\n"
                  + "Host: 127.0.0.1:"
                  + port
                  + "\r\n"
                  + "Accept: application/json\r\n"
                  + "Authorization: Bearer t1\r\n"
                  + "Content-Type: application/json\r\n"
                  + "Content-Length: 8\r\n"
                  + "Connection: close\r\n\r\n"
                  + "{\"é\":1}");
    }
  }

  @Test
  void hostHeader_isHostAndPortOnly_neverUserInfo() throws Exception {
    try (RawHttpServer server = RawHttpServer.answering("HTTP/1.1 200 OK\r\n\r\n")) {
      int port = URI.create(server.url()).getPort();
      transport("http://user:secret@127.0.0.1:" + port, Duration.ofSeconds(5))
          .exchange("GET", "/", Map.of(), null);

      assertThat(server.requests().get(0))
          .contains("\r\nHost: 127.0.0.1:" + port + "\r\n")
          .doesNotContain("secret");
    }
  }

  @Test
  void postWithoutBody_sendsContentLengthZero_getSendsNone() throws Exception {
    try (RawHttpServer server = RawHttpServer.answering("HTTP/1.1 200 OK\r\n\r\n")) {
      exchange(server, "POST", "/a", null);
      exchange(server, "GET", "/b", null);

      assertThat(server.requests().get(0)).contains("\r\nContent-Length: 0\r\n");
      assertThat(server.requests().get(1)).doesNotContain("Content-Length");
    }
  }

  @Test
  void chunkedBody_isDecoded_extensionsAndTrailersIgnored() throws Exception {
    String answer =
        "HTTP/1.1 201 Created\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "5;ext=1\r\nhello\r\n"
            + "7\r\n, world\r\n"
            + "0\r\nX-Trailer: 1\r\n\r\n";
    try (RawHttpServer server = RawHttpServer.answering(answer)) {
      assertThat(statusAndBody(exchange(server, "GET", "/", null)))
          .isEqualTo(new Reply(201, "hello, world"));
    }
  }

  @Test
  void bodyWithoutLength_isReadToTheEndOfTheConnection() throws Exception {
    try (RawHttpServer server =
        RawHttpServer.answering("HTTP/1.0 200 OK\r\n\r\nline 1\nline 2\n")) {
      assertThat(statusAndBody(exchange(server, "GET", "/", null)))
          .isEqualTo(new Reply(200, "line 1\nline 2\n"));
    }
  }

  @Test
  void interimResponses_areSkipped() throws Exception {
    String answer =
        "HTTP/1.1 100 Continue\r\n\r\n"
            + "HTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\n"
            + "HTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\nok";
    try (RawHttpServer server = RawHttpServer.answering(answer)) {
      assertThat(statusAndBody(exchange(server, "POST", "/", "{}")))
          .isEqualTo(new Reply(201, "ok"));
    }
  }

  @Test
  void errorBody_isReadAtMost64KiB_successBodyWhole() throws Exception {
    String big = "x".repeat(200_000);
    try (RawHttpServer error =
            RawHttpServer.answering(
                "HTTP/1.1 500 Oops\r\nContent-Length: " + big.length() + "\r\n\r\n" + big);
        RawHttpServer chunkedError =
            RawHttpServer.answering(
                "HTTP/1.1 400 Bad\r\nTransfer-Encoding: chunked\r\n\r\n30d40\r\n"
                    + big
                    + "\r\n0\r\n\r\n");
        RawHttpServer ok =
            RawHttpServer.answering(
                "HTTP/1.1 200 OK\r\nContent-Length: " + big.length() + "\r\n\r\n" + big)) {
      assertThat(exchange(error, "GET", "/", null).body()).hasSize(HttpTransport.ERROR_BODY_LIMIT);
      assertThat(exchange(chunkedError, "GET", "/", null).body())
          .hasSize(HttpTransport.ERROR_BODY_LIMIT);
      assertThat(exchange(ok, "GET", "/", null).body()).isEqualTo(big);
    }
  }

  @Test
  void cli_showsAtMost64KiBOfAServersErrorBody() throws Exception {
    String big = "y".repeat(1_000_000);
    try (RawHttpServer server =
        RawHttpServer.answering(
            "HTTP/1.1 500 Internal Server Error\r\nContent-Length: "
                + big.length()
                + "\r\n\r\n"
                + big)) {
      Result result = new CliRunner(home).run("create", "token", "--admin", "-H", server.url());

      assertThat(result.exitCode()).isEqualTo(1);
      assertThat(result.err()).startsWith("error: server at " + server.url() + " responded 500: y");
      assertThat(result.err().length()).isLessThan(HttpTransport.ERROR_BODY_LIMIT + 1_000);
    }
  }

  @Test
  void cli_readsAChunkedTokenResponse() throws Exception {
    byte[] token = TOKEN_OBJECT.getBytes(StandardCharsets.UTF_8);
    int half = token.length / 2;
    String answer =
        "HTTP/1.1 201 Created\r\nContent-Type: application/json\r\n"
            + "Transfer-Encoding: chunked\r\n\r\n"
            + Integer.toHexString(half)
            + "\r\n"
            + TOKEN_OBJECT.substring(0, half)
            + "\r\n"
            + Integer.toHexString(token.length - half)
            + "\r\n"
            + TOKEN_OBJECT.substring(half)
            + "\r\n0\r\n\r\n";
    try (RawHttpServer server = RawHttpServer.answering(answer)) {
      Result result = new CliRunner(home).run("create", "token", "--admin", "-H", server.url());

      assertThat(result.exitCode()).as(result.err()).isZero();
      assertThat(result.out()).contains(TOKEN);
    }
  }

  @Test
  void silentServer_isAResponseTimeout() throws Exception {
    try (RawHttpServer server = RawHttpServer.silent()) {
      long start = System.nanoTime();
      assertThatThrownBy(
              () ->
                  transport(server.url(), Duration.ofMillis(300))
                      .exchange("GET", "/", Map.of(), null))
          .isInstanceOf(HttpTransport.ResponseTimeout.class);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }
  }

  @Test
  void closedWithoutAnswer_malformedStatusAndOversizedHead_areProtocolFailures() throws Exception {
    try (RawHttpServer nothing = RawHttpServer.answering("");
        RawHttpServer garbage = RawHttpServer.answering("SSH-2.0-OpenSSH\r\n\r\n");
        RawHttpServer huge =
            RawHttpServer.answering("HTTP/1.1 200 OK\r\nX: " + "z".repeat(70_000) + "\r\n\r\n")) {
      assertThatThrownBy(() -> exchange(nothing, "GET", "/", null))
          .isInstanceOf(IOException.class)
          .hasMessage("the server closed the connection without a response");
      assertThatThrownBy(() -> exchange(garbage, "GET", "/", null))
          .isInstanceOf(ProtocolException.class);
      assertThatThrownBy(() -> exchange(huge, "GET", "/", null))
          .isInstanceOf(ProtocolException.class)
          .hasMessageContaining("response head over");
    }
  }

  @Test
  void cli_namesAnInvalidResponse() throws Exception {
    try (RawHttpServer server = RawHttpServer.answering("SSH-2.0-OpenSSH\r\n")) {
      Result result = new CliRunner(home).run("create", "token", "--admin", "-H", server.url());

      assertThat(result.exitCode()).isEqualTo(1);
      assertThat(result.err())
          .isEqualTo(
              "error: invalid response from " + server.url() + ": not an HTTP/1.1 response\n");
    }
  }

  @Test
  void headerWithALineBreak_isRefusedBeforeAnythingIsSent() throws Exception {
    try (RawHttpServer server = RawHttpServer.answering("HTTP/1.1 200 OK\r\n\r\n")) {
      assertThatThrownBy(
              () ->
                  transport(server.url(), Duration.ofSeconds(5))
                      .exchange("GET", "/", Map.of("X", "a\r\nInjected: 1"), null))
          .isInstanceOf(IllegalArgumentException.class);
      assertThat(server.requests()).isEmpty();
    }
  }

  /** A reply without its length and completeness, for comparing status and body. */
  private static Reply statusAndBody(Reply reply) {
    return new Reply(reply.status(), reply.body());
  }
}
