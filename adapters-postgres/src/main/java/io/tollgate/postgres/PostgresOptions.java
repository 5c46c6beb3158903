package io.tollgate.postgres;

import java.time.Duration;

/**
 * How a node uses its PostgreSQL store.
 *
 * @param maxStaleness how long the node may go without confirming that it has applied every
 *     committed change before {@link PostgresStore#isCurrent()} turns false (default 10 s)
 * @param pollInterval how often the node asks for changes even without a notification, as a safety
 *     net (default 5 s); it polls at least twice per {@code maxStaleness}, so a healthy idle node
 *     never turns stale
 * @param poolSize how many connections the node keeps for reads and writes (default 4, at least 2);
 *     the change feed has one more of its own
 * @param connectTimeout how long opening a connection, or waiting for a free one, may take before
 *     the operation fails with a {@link io.tollgate.core.domain.StoreException} (default 5 s)
 */
public record PostgresOptions(
    Duration maxStaleness, Duration pollInterval, int poolSize, Duration connectTimeout) {

  private static final Duration SHORTEST = Duration.ofMillis(100);
  private static final Duration LONGEST = Duration.ofDays(1);

  public static final PostgresOptions DEFAULTS =
      new PostgresOptions(Duration.ofSeconds(10), Duration.ofSeconds(5), 4, Duration.ofSeconds(5));

  /**
   * @throws IllegalArgumentException naming the option that is out of range
   */
  public PostgresOptions {
    requireBetween("maxStaleness", maxStaleness);
    requireBetween("pollInterval", pollInterval);
    requireBetween("connectTimeout", connectTimeout);
    if (poolSize < 2 || poolSize > 100) {
      throw new IllegalArgumentException("poolSize must be from 2 to 100, was " + poolSize);
    }
  }

  private static void requireBetween(String name, Duration value) {
    if (value == null || value.compareTo(SHORTEST) < 0 || value.compareTo(LONGEST) > 0) {
      throw new IllegalArgumentException(name + " must be from 100 ms to 1 day, was " + value);
    }
  }

  public PostgresOptions withMaxStaleness(Duration value) {
    return new PostgresOptions(value, pollInterval, poolSize, connectTimeout);
  }

  public PostgresOptions withPollInterval(Duration value) {
    return new PostgresOptions(maxStaleness, value, poolSize, connectTimeout);
  }

  public PostgresOptions withPoolSize(int value) {
    return new PostgresOptions(maxStaleness, pollInterval, value, connectTimeout);
  }

  public PostgresOptions withConnectTimeout(Duration value) {
    return new PostgresOptions(maxStaleness, pollInterval, poolSize, value);
  }

  /** The interval the change feed actually polls at: the poll interval, or half the staleness. */
  Duration effectivePollInterval() {
    Duration half = maxStaleness.dividedBy(2);
    return pollInterval.compareTo(half) < 0 ? pollInterval : half;
  }
}
