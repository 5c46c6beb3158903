package io.tollgate.stores;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Where Tollgate keeps its tokens, recovery code and audit log: chosen once, from the server's
 * options or the library's builder, and opened by {@link Stores#open(StoreLocation)}.
 */
public sealed interface StoreLocation
    permits StoreLocation.SqliteDirectory, StoreLocation.PostgresUrl {

  /**
   * A SQLite database in a data directory ({@code dataDir/tollgate.db}), owned by one process at a
   * time: the default.
   *
   * @param dataDir the data directory; created (mode 0700) when missing
   */
  record SqliteDirectory(Path dataDir) implements StoreLocation {

    /**
     * @throws NullPointerException if {@code dataDir} is null
     */
    public SqliteDirectory {
      Objects.requireNonNull(dataDir, "dataDir");
    }
  }

  /**
   * A PostgreSQL database that several nodes share (SPEC §11).
   *
   * @param url {@code postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE} or {@code
   *     jdbc:postgresql://HOST[:PORT]/DATABASE?user=USER&password=PASSWORD}; checked in full when
   *     the store is opened
   * @param maxStaleness how long this node may go without confirming it is current before token
   *     checks fail closed (default {@link #DEFAULT_MAX_STALENESS})
   */
  record PostgresUrl(String url, Duration maxStaleness) implements StoreLocation {

    public static final Duration DEFAULT_MAX_STALENESS = Duration.ofSeconds(10);

    /**
     * @throws NullPointerException if an argument is null
     */
    public PostgresUrl {
      Objects.requireNonNull(url, "url");
      Objects.requireNonNull(maxStaleness, "maxStaleness");
    }

    /** The store at {@code url} with the default staleness bound of 10 s. */
    public PostgresUrl(String url) {
      this(url, DEFAULT_MAX_STALENESS);
    }

    /** The URL with any password replaced by {@code ***}. */
    @Override
    public String toString() {
      return "PostgresUrl[url=" + Redaction.redact(url) + ", maxStaleness=" + maxStaleness + "]";
    }
  }
}
