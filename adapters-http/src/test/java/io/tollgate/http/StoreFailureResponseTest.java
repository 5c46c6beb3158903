package io.tollgate.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.http.Harness.Reply;
import org.junit.jupiter.api.Test;

/**
 * A store failure tells the client the condition only; the database's path goes to the server log,
 * once (the stack trace only at DEBUG).
 */
class StoreFailureResponseTest {

  @Test
  void storeFailure_503BodyNamesNoPath_theLogNamesItOnce() {
    Reply reply;
    try (Harness h = Harness.start();
        CapturedLog log = new CapturedLog()) {
      h.authority.breakStore();
      reply = h.post("/api/v3/configure/token/admin", null);

      assertThat(reply.status()).isEqualTo(503);
      assertThat(reply.body())
          .isEqualTo("token store unavailable: the token store's database cannot be written")
          .doesNotContain("/")
          .doesNotContain("tollgate.db");
      // once, in one line without a stack trace (which only DEBUG adds)
      assertThat(log.linesBesidesRequests())
          .filteredOn(line -> !line.startsWith("DEBUG ") && !line.startsWith("TRACE "))
          .filteredOn(line -> line.contains(TestAuthority.BROKEN_DETAIL))
          .hasSize(1)
          .allMatch(line -> line.startsWith("ERROR ") && !line.contains("\n"));
    }
  }
}
