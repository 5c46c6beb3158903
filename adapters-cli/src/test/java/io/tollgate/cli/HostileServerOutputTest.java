package io.tollgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.tollgate.cli.CliRunner.Result;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server that answers with terminal escape sequences, control characters and a 50 MB body: the
 * CLI prints none of the sequences, and holds and prints only a bounded part of the body.
 */
class HostileServerOutputTest {

  private static final String ESC = "\u001b";
  private static final String HOSTILE =
      "bad "
          + ESC
          + "]8;;http://evil\u0007click"
          + ESC
          + "]8;;\u0007 "
          + ESC
          + "[2J\u009b2J\u202eend"
          + ESC
          + "]0;owned title\u0007\r\u0000\u0085";
  private static final long FIFTY_MB = 50L * 1024 * 1024;

  @TempDir Path home;
  private HttpServer server;
  private final CompletableFuture<Long> bytesWritten = new CompletableFuture<>();

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  @Test
  void errorBody_escapeSequencesAndControlCharactersAreRemovedBeforePrinting() throws Exception {
    answer(400, HOSTILE);

    Result result = cli().run("create", "token", "--admin", "--name", "x", "--token", "t");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err())
        .isEqualTo("error: server at " + url() + " responded 400: bad click end\n")
        .doesNotContain("http://evil", "owned title");
  }

  @Test
  void errorBody_of50MegabytesIsReadOnlyInPartAndPrintedCappedAt4KiB() throws Exception {
    streamErrorBody(FIFTY_MB, true);

    Result result = cli().run("create", "token", "--admin", "--name", "x", "--token", "t");

    assertThat(result.exitCode()).isEqualTo(1);
    String prefix = "error: server at " + url() + " responded 500: ";
    assertThat(result.err())
        .startsWith(prefix + "x".repeat(ErrorBody.PRINT_LIMIT) + "… (truncated, 52428800 bytes)\n");
    assertThat(result.err().length()).isLessThan(prefix.length() + ErrorBody.PRINT_LIMIT + 100);
    // the CLI stopped reading: the server could not hand over the whole body
    assertThat(bytesWritten.get(30, TimeUnit.SECONDS)).isLessThan(FIFTY_MB / 2);
  }

  @Test
  void errorBody_ofUnknownLengthIsCutAtTheReadLimit() throws Exception {
    streamErrorBody(FIFTY_MB, false);

    Result result = cli().run("show", "tokens", "--token", "t");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("… (truncated, over 65536 bytes)\n");
    assertThat(bytesWritten.get(30, TimeUnit.SECONDS)).isLessThan(FIFTY_MB / 2);
  }

  @Test
  void showTokens_pretty_printsNamesAndDescriptionsWithoutEscapeSequences() throws Exception {
    answer(200, "| " + HOSTILE + " |\n");

    Result result = cli().run("show", "tokens", "--token", "t");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).isEqualTo("| bad click end |\n");
  }

  @Test
  void showTokens_json_escapesUnsafeCharactersSoTheJsonMeansTheSame() throws Exception {
    answer(200, "[{\"name\":\"a" + ESC + "[2J\u202eb\"}]");

    Result result = cli().run("show", "tokens", "--format", "json", "--token", "t");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).isEqualTo("[{\"name\":\"a\\u001B[2J\\u202Eb\"}]\n");
  }

  @Test
  void createdToken_isPrintedWithoutEscapeSequences() throws Exception {
    answer(201, "{\"token\":\"apiv3_abc\\u001b]8;;http://evil\\u0007\\u001b[2Jdef\"}");

    Result text = cli().run("create", "token", "--admin");
    Result json = cli().run("create", "token", "--admin", "--format", "json");

    assertThat(text.out()).contains("Token: apiv3_abcdef\n").doesNotContain(ESC, "\u0007");
    assertThat(json.out()).contains("apiv3_abc\\u001B]8;;http://evil").doesNotContain(ESC);
  }

  private CliRunner cli() {
    return new CliRunner(home).env("TOLLGATE_HOST_URL", url());
  }

  private String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private void answer(int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    start(
        exchange -> {
          exchange.getResponseHeaders().add("Content-Type", "text/plain");
          exchange.sendResponseHeaders(status, bytes.length);
          exchange.getResponseBody().write(bytes);
        });
  }

  /** 500 with {@code size} bytes of {@code x}, declared (Content-Length) or chunked. */
  private void streamErrorBody(long size, boolean declared) throws IOException {
    byte[] chunk = new byte[64 * 1024];
    Arrays.fill(chunk, (byte) 'x');
    start(
        exchange -> {
          exchange.getResponseHeaders().add("Content-Type", "text/plain");
          exchange.sendResponseHeaders(500, declared ? size : 0);
          long written = 0;
          try {
            OutputStream body = exchange.getResponseBody();
            while (written < size) {
              body.write(chunk);
              written += chunk.length;
            }
            body.flush();
          } catch (IOException e) {
            // the client hung up: expected
          } finally {
            bytesWritten.complete(written);
          }
        });
  }

  private interface Handler {
    void handle(HttpExchange exchange) throws IOException;
  }

  private void start(Handler handler) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          try (exchange) {
            exchange.getRequestBody().readAllBytes();
            handler.handle(exchange);
          } catch (IOException e) {
            // the client hung up
          }
        });
    server.start();
  }
}
