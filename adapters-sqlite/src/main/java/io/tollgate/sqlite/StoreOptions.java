package io.tollgate.sqlite;

import java.time.Duration;

/**
 * How a store is tuned. {@code busyTimeout} is how long SQLite waits for a lock held by another
 * connection before it gives up; {@code readers} caps the read connections.
 */
record StoreOptions(Duration busyTimeout, int readers) {

  static final StoreOptions DEFAULTS = new StoreOptions(Duration.ofSeconds(5), 4);

  StoreOptions {
    if (busyTimeout == null || busyTimeout.isNegative()) {
      throw new IllegalArgumentException("busy timeout must not be negative");
    }
    if (readers < 1) {
      throw new IllegalArgumentException("a store needs at least one read connection");
    }
  }

  int busyTimeoutMillis() {
    return (int) Math.min(Integer.MAX_VALUE, busyTimeout.toMillis());
  }
}
