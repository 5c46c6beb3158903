package io.tollgate.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tollgate.http.Harness.Reply;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Javalin copies every response body through a buffer it allocates per response: Tollgate keeps
 * that buffer small (Javalin's default, Jetty's 32 KiB output buffer, was most of what a {@code GET
 * /ping} allocated), and a body larger than it still arrives whole.
 */
class ResponseCopyBufferTest {

  private static final int TOKENS = 30;

  @Test
  void eachResponseIsCopiedThroughASmallBuffer_notJettys32KiBOutputBuffer() {
    try (Harness h = Harness.start()) {
      assertThat(h.server.javalinForTests().unsafe.http.responseBufferSize)
          .isEqualTo(JavalinAssembly.RESPONSE_COPY_BYTES)
          .isLessThanOrEqualTo(4 * 1024);
    }
  }

  @Test
  void aBodyLargerThanTheCopyBuffer_arrivesWholeWithItsContentLength() throws Exception {
    try (Harness h = Harness.startReal(b -> b)) {
      String admin = h.createOperator();
      for (int i = 0; i < TOKENS; i++) {
        Reply created =
            h.post(
                "/api/v3/configure/token/named_admin",
                "{\"token_name\": \"token-" + i + "\"}",
                Harness.bearerJson(admin));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
      }

      Reply list = h.get("/api/v3/configure/token", Harness.bearer(admin));

      assertThat(list.status()).isEqualTo(200);
      byte[] body = list.body().getBytes(StandardCharsets.UTF_8);
      assertThat(body.length)
          .isGreaterThan(JavalinAssembly.RESPONSE_COPY_BYTES)
          .isLessThanOrEqualTo(Responses.BUFFERED_BODY_BYTES);
      assertThat(list.header("content-length")).isEqualTo(Integer.toString(body.length));
      assertThat(new ObjectMapper().readTree(body)).hasSize(TOKENS + 1);
    }
  }
}
