package io.tollgate.core.domain.failure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.core.crypto.CredentialFingerprint;
import io.tollgate.core.domain.Actor;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** A failure event carries the fingerprint of the credential, never the credential. */
class FailureEventTest {
  private static final String TOKEN = "apiv3_AbCdEf0123456789-the-wrong-token-a-client-sent";

  @Test
  void noFieldAndNotToString_holdsThePresentedCredential() {
    String fp = CredentialFingerprint.random(new SecureRandom()).of(TOKEN);
    FailureQueue queue = new FailureQueue(10, java.time.Clock.systemUTC());
    queue.offer(FailureAction.AUTH_FAILED, "198.51.100.7", fp, Actor.UNAUTHENTICATED, "GET", "/x");

    FailureEvent event = queue.drainAll().get(0);

    assertThat(event.credentialFp()).isEqualTo(fp);
    assertThat(event.toString()).contains(fp).doesNotContain(TOKEN).doesNotContain("apiv3_");
    assertThat(Arrays.stream(FailureEvent.class.getRecordComponents()))
        .allSatisfy(
            c -> assertThat(String.valueOf(c.getAccessor().invoke(event))).doesNotContain(TOKEN));
  }

  @Test
  void aCredentialInPlaceOfTheFingerprint_isRefusedWithoutBeingQuoted() {
    assertThatThrownBy(
            () ->
                new FailureEvent(
                    Instant.EPOCH,
                    Instant.EPOCH,
                    FailureAction.AUTH_FAILED,
                    Actor.UNAUTHENTICATED,
                    "198.51.100.7",
                    TOKEN,
                    "GET",
                    "/",
                    1))
        .isInstanceOf(IllegalArgumentException.class)
        .message()
        .doesNotContain(TOKEN);
  }
}
