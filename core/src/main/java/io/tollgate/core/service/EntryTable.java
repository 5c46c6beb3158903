package io.tollgate.core.service;

import io.tollgate.core.service.TokenIndex.Entry;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.function.Consumer;

/**
 * One of the index's two lookups (by hash, by id): an open-addressing table of its entries, written
 * by one thread at a time (every write of the index runs under the service's write lock) and read
 * by any number of threads that neither lock nor allocate.
 *
 * <p>Why not a {@code ConcurrentHashMap}: it wraps every entry in a node of its own, 32 bytes and
 * one more object per token in each of the two lookups. A server loading a million tokens copies
 * them all from the young generation into the old one, and so starts faster with fewer and smaller
 * objects. Here an entry costs two array slots: its reference and its key's hash code, which a
 * lookup compares before it follows the reference.
 *
 * <p>How readers stay safe without a lock:
 *
 * <ul>
 *   <li>a slot's code is written before its entry, and the entry with release semantics, so a
 *       reader that sees an entry (acquire) sees its code; a code is only a filter, and a match is
 *       confirmed on the entry's own key;
 *   <li>a removed entry leaves a marker that lookups step over, so no entry ever moves to another
 *       slot of a table a reader may be probing; markers are dropped when the table is rebuilt;
 *   <li>a rebuild fills a new table and then publishes it (a volatile write); the writer never
 *       touches the old one again, so a reader still probing it sees a consistent earlier state.
 * </ul>
 *
 * A table is rebuilt when its entries and markers fill more than {@link #MAX_FILL} of it, so a
 * lookup always reaches an empty slot.
 *
 * @param <K> the key: the token's hash or its id
 */
abstract class EntryTable<K> {

  /** The share of slots (entries and removal markers) past which the table is rebuilt. */
  static final double MAX_FILL = 0.6;

  /** The share of slots that entries take in a new table, at most. */
  private static final double TARGET_FILL = 0.5;

  private static final int MIN_CAPACITY = 16;
  private static final Object REMOVED = new Object();
  private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(Object[].class);

  /** An entry's slots: the two arrays of one table, of the same length (a power of two). */
  private record Slots(Object[] entries, int[] codes) {
    Slots(int capacity) {
      this(new Object[capacity], new int[capacity]);
    }
  }

  private volatile Slots slots;
  private volatile int size;
  private int used; // entries and removal markers, known to the writer only

  EntryTable(int expected) {
    slots = new Slots(capacityFor(expected));
  }

  /** The key {@code entry} is found under. */
  abstract K keyOf(Entry entry);

  /** The hash code of {@code key}, spread over all 32 bits. */
  abstract int codeOf(K key);

  /** Whether {@code entry} is the one for {@code key}: its key equals {@code key}. */
  private boolean hasKey(Entry entry, K key) {
    return keyOf(entry).equals(key);
  }

  /** The entry for {@code key}, or null. Any thread; never blocks or allocates. */
  final Entry get(K key) {
    int code = codeOf(key);
    Slots table = slots;
    Object[] entries = table.entries();
    int[] codes = table.codes();
    int mask = entries.length - 1;
    for (int i = code & mask; ; i = (i + 1) & mask) {
      Object slot = SLOT.getAcquire(entries, i);
      if (slot == null) {
        return null;
      }
      if (slot != REMOVED && codes[i] == code && hasKey((Entry) slot, key)) {
        return (Entry) slot;
      }
    }
  }

  /** Adds {@code entry}, or replaces the entry of its key; returns the one replaced, or null. */
  final Entry put(Entry entry) {
    K key = keyOf(entry);
    int code = codeOf(key);
    Object[] entries = slots.entries();
    int[] codes = slots.codes();
    int mask = entries.length - 1;
    int free = -1;
    for (int i = code & mask; ; i = (i + 1) & mask) {
      Object slot = entries[i];
      if (slot == null) {
        int at = free < 0 ? i : free;
        codes[at] = code;
        SLOT.setRelease(entries, at, entry);
        size++;
        if (free < 0 && ++used > entries.length * MAX_FILL) {
          rebuild();
        }
        return null;
      }
      if (slot == REMOVED) {
        free = free < 0 ? i : free;
      } else if (codes[i] == code && hasKey((Entry) slot, key)) {
        SLOT.setRelease(entries, i, entry);
        return (Entry) slot;
      }
    }
  }

  /** Removes the entry of {@code key}, if {@code only} is null or is that entry; returns it. */
  final Entry remove(K key, Entry only) {
    int code = codeOf(key);
    Object[] entries = slots.entries();
    int[] codes = slots.codes();
    int mask = entries.length - 1;
    for (int i = code & mask; ; i = (i + 1) & mask) {
      Object slot = entries[i];
      if (slot == null) {
        return null;
      }
      if (slot != REMOVED && codes[i] == code && hasKey((Entry) slot, key)) {
        if (only != null && slot != only) {
          return null;
        }
        SLOT.setRelease(entries, i, REMOVED);
        size--;
        return (Entry) slot;
      }
    }
  }

  /** Every entry of the table as it is; entries changed meanwhile may be seen either way. */
  final void forEach(Consumer<Entry> action) {
    Object[] entries = slots.entries();
    for (int i = 0; i < entries.length; i++) {
      Object slot = SLOT.getAcquire(entries, i);
      if (slot != null && slot != REMOVED) {
        action.accept((Entry) slot);
      }
    }
  }

  final int size() {
    return size;
  }

  /** The table's number of slots (for tests). */
  final int capacity() {
    return slots.entries().length;
  }

  /**
   * Copies the entries into a new table, without the removal markers, and publishes it: twice as
   * large when the entries alone would fill more than {@link #TARGET_FILL} of it, as large
   * otherwise (a table that loses as many entries as it gains is cleaned, not grown). It never
   * shrinks.
   */
  private void rebuild() {
    Object[] old = slots.entries();
    int capacity = Math.max(old.length, capacityFor(size));
    Slots table = new Slots(capacity);
    int mask = capacity - 1;
    for (Object slot : old) {
      if (slot != null && slot != REMOVED) {
        Entry entry = (Entry) slot;
        int code = codeOf(keyOf(entry));
        int i = code & mask;
        while (table.entries()[i] != null) {
          i = (i + 1) & mask;
        }
        table.codes()[i] = code;
        table.entries()[i] = entry;
      }
    }
    used = size;
    slots = table; // publishes the filled arrays to readers
  }

  /** The least power of two that {@code entries} fill to {@link #TARGET_FILL} at most. */
  private static int capacityFor(int entries) {
    long wanted = Math.max(MIN_CAPACITY, (long) Math.ceil(entries / TARGET_FILL));
    if (wanted > 1 << 30) {
      throw new IllegalStateException("too many tokens for one index: " + entries);
    }
    return Integer.highestOneBit((int) wanted - 1) << 1;
  }
}
