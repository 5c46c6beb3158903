package io.tollgate.core.service;

import static io.tollgate.core.testing.TestTokens.newToken;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.core.domain.TokenId;
import io.tollgate.core.service.TokenIndex.Entry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The index's open-addressing table: lookups, replacement, removal markers, rebuilds, readers. */
class EntryTableTest {

  /** Keyed by id; with {@code clash}, every key has the same code, so all share one probe run. */
  private static final class ByIdTable extends EntryTable<TokenId> {
    private final boolean clash;

    ByIdTable(int expected, boolean clash) {
      super(expected);
      this.clash = clash;
    }

    @Override
    TokenId keyOf(Entry entry) {
      return entry.token.id();
    }

    @Override
    int codeOf(TokenId id) {
      return clash ? 7 : Long.hashCode(id.value()) * 0x9E3779B9;
    }
  }

  private static Entry entry(long id) {
    return new Entry(newToken("t" + id, "apiv3_secret-" + id).withId(TokenId.of(id)));
  }

  @Test
  void put_addsOrReplacesTheEntryOfItsKey() {
    ByIdTable table = new ByIdTable(0, false);
    Entry first = entry(1);
    Entry again = entry(1);

    assertThat(table.put(first)).isNull();
    assertThat(table.put(entry(2))).isNull();
    assertThat(table.put(again)).isSameAs(first);

    assertThat(table.get(TokenId.of(1))).isSameAs(again);
    assertThat(table.get(TokenId.of(3))).isNull();
    assertThat(table.size()).isEqualTo(2);
  }

  @Test
  void removingFromARunOfClashingKeys_leavesTheRestOfTheRunFindable() {
    ByIdTable table = new ByIdTable(0, true);
    List<Entry> entries = List.of(entry(1), entry(2), entry(3));
    entries.forEach(table::put);

    assertThat(table.remove(TokenId.of(2), entry(2))).isNull(); // not that entry: stays
    assertThat(table.remove(TokenId.of(2), entries.get(1))).isSameAs(entries.get(1));
    assertThat(table.remove(TokenId.of(2), null)).isNull();

    assertThat(table.get(TokenId.of(1))).isSameAs(entries.get(0));
    assertThat(table.get(TokenId.of(2))).isNull();
    assertThat(table.get(TokenId.of(3))).isSameAs(entries.get(2));
    assertThat(table.size()).isEqualTo(2);
    Entry back = entry(2);
    table.put(back); // into the slot the removal marked
    assertThat(table.get(TokenId.of(2))).isSameAs(back);
    assertThat(table.get(TokenId.of(3))).isSameAs(entries.get(2));
  }

  @Test
  void aTableThatLosesWhatItGains_isCleanedNotGrown() {
    ByIdTable table = new ByIdTable(100, false);
    int capacity = table.capacity();

    for (long id = 0; id < 100_000; id++) {
      table.put(entry(id));
      if (id >= 100) {
        table.remove(TokenId.of(id - 100), null);
      }
    }

    assertThat(table.capacity()).isEqualTo(capacity);
    assertThat(table.size()).isEqualTo(100);
    assertThat(table.get(TokenId.of(99_999))).isNotNull();
    assertThat(table.get(TokenId.of(99_899))).isNull();
  }

  @Test
  void aGrowingTable_keepsEveryEntryAndRoomToProbe() {
    ByIdTable table = new ByIdTable(0, false);

    for (long id = 0; id < 10_000; id++) {
      table.put(entry(id));
    }

    assertThat(table.size()).isEqualTo(10_000);
    assertThat(Integer.bitCount(table.capacity())).isEqualTo(1);
    assertThat(10_000.0 / table.capacity()).isLessThanOrEqualTo(EntryTable.MAX_FILL);
    List<Entry> seen = new ArrayList<>();
    table.forEach(seen::add);
    assertThat(seen).hasSize(10_000);
    for (long id = 0; id < 10_000; id++) {
      assertThat(table.get(TokenId.of(id)).token.id().value()).isEqualTo(id);
    }
  }

  @Test
  void readers_findEveryEntryThatStays_whileTheWriterAddsRemovesAndRebuilds() throws Exception {
    ByIdTable table = new ByIdTable(0, false);
    int staying = 1_000;
    for (long id = 0; id < staying; id++) {
      table.put(entry(id));
    }
    AtomicBoolean writing = new AtomicBoolean(true);
    AtomicLong misses = new AtomicLong();
    AtomicLong lookups = new AtomicLong();
    List<Thread> readers = new ArrayList<>();
    for (int r = 0; r < 2; r++) {
      Thread reader =
          new Thread(
              () -> {
                long id = 0;
                do {
                  if (table.get(TokenId.of(id)) == null) {
                    misses.incrementAndGet();
                  }
                  lookups.incrementAndGet();
                  id = (id + 1) % staying;
                } while (writing.get());
              });
      reader.start();
      readers.add(reader);
    }

    // others come and go in waves, so the table grows, fills with removal markers and is rebuilt
    for (int wave = 0; wave < 20; wave++) {
      long base = 1_000_000L * (wave + 1);
      for (long id = base; id < base + 20_000; id++) {
        table.put(entry(id));
      }
      for (long id = base; id < base + 20_000; id++) {
        table.remove(TokenId.of(id), null);
      }
    }
    writing.set(false);
    for (Thread reader : readers) {
      reader.join();
    }

    assertThat(lookups.get()).isGreaterThan(0);
    assertThat(misses.get()).isZero();
    assertThat(table.size()).isEqualTo(staying);
  }
}
