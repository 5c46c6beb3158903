package io.tollgate.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.http.RawHttp.RawReply;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Request bodies Jetty cannot read (malformed chunking, a stream that ends early, a chunked body
 * over 64 KiB) get a 4xx over a raw socket, change nothing, and cost the log at most one short line
 * a minute per kind of failure: never a stack trace, never a 500.
 */
class BodyReadFailuresIT {
  static final String ISSUE_8 =
      "POST /api/v3/configure/token/admin HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n"
          + "Connection: close\r\n\r\nzz\r\n\r\n";

  private static void assertNoStackTraceNorError(List<String> lines) {
    assertThat(lines).noneMatch(line -> line.contains("\n"));
    assertThat(lines).noneMatch(line -> line.startsWith("ERROR ") || line.startsWith("WARN "));
    assertThat(lines).noneMatch(line -> line.contains("Exception"));
  }

  @Test
  void malformedChunkedBody_theIssuesRequest_is400_withOneShortLogLine_rateLimited() {
    try (Harness h = Harness.start();
        CapturedLog log = new CapturedLog()) {
      for (int i = 0; i < 20; i++) {
        RawReply reply = RawHttp.send(h.server.port(), ISSUE_8);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
        assertThat(reply.body()).isEqualTo(UnreadableBody.MALFORMED_BODY);
        assertThat(reply.head()).containsIgnoringCase("cluster-uuid: ");
      }

      assertThat(h.authority.listTokens()).isEmpty();
      List<String> lines = log.linesBesidesRequests();
      assertNoStackTraceNorError(lines);
      assertThat(lines)
          .filteredOn(line -> line.contains("body could not be read"))
          .hasSize(1)
          .allMatch(line -> line.length() < 200);
    }
  }

  @Test
  void bodyEndingBeforeItsContentLength_is400_andCreatesNothing() {
    try (Harness h = Harness.start();
        CapturedLog log = new CapturedLog()) {
      String admin = h.createOperator();
      RawReply reply =
          RawHttp.sendThenEndStream(
              h.server.port(),
              "POST /api/v3/configure/token/named_admin HTTP/1.1\r\nHost: a\r\n"
                  + "Authorization: Bearer "
                  + admin
                  + "\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n"
                  + "{\"token_name\":\"ci\"}");

      assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
      assertThat(h.authority.listTokens()).hasSize(1);
      assertNoStackTraceNorError(log.linesBesidesRequests());
    }
  }

  /**
   * On a route that takes a body, whose caller's token holds its permission, the server waits for
   * the rest of the body, so it always meets the early end. (The bootstrap takes no body and never
   * waits: whether it has seen such an end when it answers depends on when the end arrives.)
   */
  @Test
  void chunkedBodyEndingInsideAChunk_is400_andCreatesNothing() {
    try (Harness h = Harness.start();
        CapturedLog log = new CapturedLog()) {
      String admin = h.createOperator();
      RawReply reply =
          RawHttp.sendThenEndStream(
              h.server.port(),
              "POST /api/v3/configure/token/named_admin HTTP/1.1\r\nHost: a\r\n"
                  + "Authorization: Bearer "
                  + admin
                  + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                  + "100\r\n{\"token_name\":\"ci\"}");

      assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
      assertThat(h.authority.listTokens()).hasSize(1);
      assertNoStackTraceNorError(log.linesBesidesRequests());
    }
  }

  @Test
  void chunkedBodyOver64KiB_is413_andCreatesNothing() {
    try (Harness h = Harness.start();
        CapturedLog log = new CapturedLog()) {
      StringBuilder request =
          new StringBuilder(
              "POST /api/v3/configure/token/admin HTTP/1.1\r\nHost: a\r\n"
                  + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n");
      String chunk = "x".repeat(4096);
      for (int i = 0; i < 20; i++) {
        request.append("1000\r\n").append(chunk).append("\r\n");
      }
      request.append("0\r\n\r\n");

      RawReply reply = RawHttp.send(h.server.port(), request.toString());

      assertThat(reply.status()).as(reply.head()).isEqualTo(413);
      assertThat(reply.body()).isEqualTo(PipelineFilter.TOO_LARGE_BODY);
      assertThat(h.authority.listTokens()).isEmpty();
      assertNoStackTraceNorError(log.linesBesidesRequests());
    }
  }
}
