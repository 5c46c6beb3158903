package io.tollgate.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The per-token last-use cell: written at most once per resolution step, flushed once. */
class LastUseTest {

  private static final long T = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();

  @Test
  void aTokenNeverUsed_hasNothingPending() {
    LastUse cell = new LastUse(null);

    assertThat(cell.usedMillis()).isEqualTo(LastUse.NEVER);
    assertThat(cell.pending()).isEqualTo(LastUse.NEVER);
  }

  @Test
  void aStoredLastUse_isKnownAndNotPending() {
    LastUse cell = new LastUse(Instant.ofEpochMilli(T));

    assertThat(cell.usedMillis()).isEqualTo(T);
    assertThat(cell.pending()).isEqualTo(LastUse.NEVER);
  }

  @Test
  void aFirstUse_isPendingUntilFlushed() {
    LastUse cell = new LastUse(null);

    cell.touch(T);
    assertThat(cell.pending()).isEqualTo(T);

    cell.flushed(T);
    assertThat(cell.pending()).isEqualTo(LastUse.NEVER);
    assertThat(cell.usedMillis()).isEqualTo(T);
  }

  @Test
  void usesWithinOneResolutionStep_writeNothing() {
    LastUse cell = new LastUse(null);
    cell.touch(T);

    cell.touch(T + LastUse.RESOLUTION_MILLIS - 1);
    assertThat(cell.usedMillis()).isEqualTo(T);

    cell.touch(T + LastUse.RESOLUTION_MILLIS);
    assertThat(cell.usedMillis()).isEqualTo(T + LastUse.RESOLUTION_MILLIS);
  }

  @Test
  void aClockThatStepsBack_neverMovesTheLastUseBackwards() {
    LastUse cell = new LastUse(Instant.ofEpochMilli(T));

    cell.touch(T - 60_000);

    assertThat(cell.usedMillis()).isEqualTo(T);
  }

  @Test
  void aUseAfterTheFlushGathered_staysPendingForTheNextFlush() {
    LastUse cell = new LastUse(null);
    cell.touch(T);
    long gathered = cell.pending();

    cell.touch(T + 5_000);
    cell.flushed(gathered);

    assertThat(cell.pending()).isEqualTo(T + 5_000);
  }

  @Test
  void aLaterTimeReadBackFromTheStore_isKnownAndNotPending_anEarlierOneChangesNothing() {
    LastUse cell = new LastUse(null);
    cell.touch(T);

    cell.stored(Instant.ofEpochMilli(T - 1_000));
    assertThat(cell.pending()).isEqualTo(T);

    cell.stored(Instant.ofEpochMilli(T + 9_000));
    assertThat(cell.usedMillis()).isEqualTo(T + 9_000);
    assertThat(cell.pending()).isEqualTo(LastUse.NEVER);
  }

  @Test
  void carryOver_keepsTheLaterUseAndWhatWasFlushed() {
    LastUse earlier = new LastUse(null);
    earlier.touch(T);
    earlier.flushed(T);
    earlier.touch(T + 3_000);
    LastUse replacement = new LastUse(Instant.ofEpochMilli(T));

    replacement.carryOver(earlier);

    assertThat(replacement.usedMillis()).isEqualTo(T + 3_000);
    assertThat(replacement.pending()).isEqualTo(T + 3_000);
  }
}
