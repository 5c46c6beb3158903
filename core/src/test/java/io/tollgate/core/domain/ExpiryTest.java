package io.tollgate.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ExpiryTest {

  private static final Instant T = Instant.parse("2025-04-18T14:02:45.331Z");

  @Test
  void expiry_isValidWhileStrictlyAfterNow() {
    Expiry expiry = Expiry.at(T);

    assertThat(expiry.isValidAt(T.minusMillis(1))).isTrue();
    assertThat(expiry.isValidAt(T)).isFalse();
    assertThat(expiry.isValidAtMillis(T.toEpochMilli() - 1)).isTrue();
    assertThat(expiry.isValidAtMillis(T.toEpochMilli())).isFalse();
  }

  @Test
  void expiry_neverIsAlwaysValid() {
    assertThat(Expiry.NEVER.isValidAt(Expiry.LATEST)).isTrue();
    assertThat(Expiry.NEVER.asInstant()).isEmpty();
  }

  @Test
  void expiry_isTruncatedToMilliseconds() {
    assertThat(Expiry.at(T.plusNanos(999_999)).instant()).isEqualTo(T);
  }

  @Test
  void expiry_pastYear9999IsRejected() {
    assertThat(Expiry.at(Expiry.LATEST).instant()).isEqualTo(Expiry.LATEST);
    assertThatThrownBy(() -> Expiry.at(Expiry.LATEST.plusMillis(1)))
        .isInstanceOf(InvalidExpiryException.class);
  }

  @Test
  void lifetime_zeroAndNullMeanForever() {
    assertThat(Lifetime.ofNullableSeconds(null).expiryFrom(T)).isEqualTo(Expiry.NEVER);
    assertThat(Lifetime.ofSeconds(0).expiryFrom(T)).isEqualTo(Expiry.NEVER);
  }

  @Test
  void lifetime_negativeIsRejected() {
    assertThatThrownBy(() -> Lifetime.ofSeconds(-1)).isInstanceOf(InvalidExpiryException.class);
  }

  @Test
  void lifetime_overflowIsRejectedNotWrapped() {
    assertThatThrownBy(() -> Lifetime.ofSeconds(Long.MAX_VALUE).expiryFrom(T))
        .isInstanceOf(InvalidExpiryException.class);
  }
}
