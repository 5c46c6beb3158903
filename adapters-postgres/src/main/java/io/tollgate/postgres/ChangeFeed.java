package io.tollgate.postgres;

import io.tollgate.core.domain.TokenId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.postgresql.Driver;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the store's change log on a connection of its own (never one of the pool's: {@code
 * LISTEN} belongs to a session) and tells the subscribers the id of every changed token, in commit
 * order, on one thread.
 *
 * <p>On every (re)connect it runs {@code LISTEN tollgate_changes} first and then catches up from
 * the last change it applied, so a change committed while it was away, or between the two steps, is
 * read from the log rather than from a notification that PostgreSQL never replays. Then it waits
 * for notifications ({@link PGConnection#getNotifications(int)}) and catches up after each, and
 * also every {@link PostgresOptions#effectivePollInterval()} without one, as a safety net. After
 * any failure it reconnects with a backoff of 50 ms doubling to 1 s, and catches up again.
 *
 * <p>A round that read the log to its end confirms the node current as of the moment its query was
 * sent; {@link #isCurrent()} is false once no round has confirmed it for the maximum staleness, and
 * at once when the connection fails while a notification announced a change not yet read (the node
 * knows it is behind), until a round reads the log to its end again. Changes this node committed
 * itself ({@link #appliedHere}) are passed over: its own state has them already; when the
 * notification covers nothing else, no query is sent. A change of its own that the feed reads
 * before the committing thread reported it is delivered: subscribers re-read the token by id, so a
 * repeat costs one read and changes nothing. A subscriber that throws stops the round before that
 * change counts as applied: it is delivered again after the backoff.
 *
 * <p>Until the first subscriber arrives, rounds only confirm currency and keep the starting point,
 * so a subscriber that loaded its state after the store opened still gets every change since.
 */
final class ChangeFeed implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ChangeFeed.class);
  private static final int BATCH = 1_000;
  private static final long SLICE_MILLIS = 200;
  private static final long FIRST_BACKOFF_MILLIS = 50;
  private static final long LAST_BACKOFF_MILLIS = 1_000;

  private final PostgresUrl url;
  private final Properties connectionProperties;
  private final long maxStalenessNanos;
  private final long pollNanos;
  private final List<Consumer<TokenId>> subscribers = new CopyOnWriteArrayList<>();
  private final Thread thread;

  /** Change-log ranges (first → last number) this node committed and applied itself. */
  private final ConcurrentSkipListMap<Long, Long> appliedHere = new ConcurrentSkipListMap<>();

  private volatile long lastApplied;
  private volatile long confirmedAtNanos;

  /** The highest change-log number a notification announced or a round read. */
  private volatile long announced;

  /** Set when a failure left a known change unapplied; cleared by a full round. */
  private volatile boolean knownBehind;

  private volatile boolean closed;
  private volatile boolean wake;
  private volatile Connection connection;
  private volatile int backendPid;

  /**
   * @param startAfter the last change-log number the node's state already reflects
   */
  ChangeFeed(PostgresUrl url, PostgresOptions options, long startAfter) {
    this.url = url;
    this.maxStalenessNanos = options.maxStaleness().toNanos();
    this.pollNanos = options.effectivePollInterval().toNanos();
    this.lastApplied = startAfter;
    this.confirmedAtNanos = System.nanoTime();
    this.connectionProperties = PostgresStores.driverProperties(url, options, " changes");
    long socketSeconds =
        Math.max(
            2,
            TimeUnit.NANOSECONDS.toSeconds(
                Math.max(maxStalenessNanos, options.connectTimeout().toNanos())));
    connectionProperties.setProperty("socketTimeout", Long.toString(socketSeconds));
    this.thread = new Thread(this::run, "tollgate-postgres-changes");
    thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  void subscribe(Consumer<TokenId> subscriber) {
    subscribers.add(subscriber);
    wake = true;
  }

  /**
   * Records that this node committed change-log rows {@code first} to {@code last} and applied them
   * to its own state, so that the feed passes over them. Kept only while someone subscribes: until
   * then the feed does not move past anything.
   */
  void appliedHere(long first, long last) {
    if (!subscribers.isEmpty() && last > lastApplied) {
      appliedHere.put(first, last);
    }
  }

  /** Whether a round confirmed this node current within the maximum staleness. */
  boolean isCurrent() {
    return !closed && !knownBehind && System.nanoTime() - confirmedAtNanos < maxStalenessNanos;
  }

  /** Milliseconds since a round last confirmed this node current. */
  long lagMillis() {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - confirmedAtNanos);
  }

  /** The last change-log number delivered to the subscribers. */
  long lastApplied() {
    return lastApplied;
  }

  /** The server process of the feed's connection, 0 while disconnected; for tests. */
  int backendPid() {
    return backendPid;
  }

  private void run() {
    long backoff = FIRST_BACKOFF_MILLIS;
    long downSince = 0;
    while (!closed) {
      try (Connection c = connect()) {
        connection = c;
        backendPid = c.unwrap(PGConnection.class).getBackendPID();
        try (Statement listen = c.createStatement()) {
          listen.execute("LISTEN " + PgTransaction.CHANNEL);
        }
        try (PreparedStatement changes =
            c.prepareStatement(
                "SELECT seq, token_id FROM change_log WHERE seq > ? ORDER BY seq LIMIT " + BATCH)) {
          catchUp(c, changes);
          if (downSince != 0) {
            LOG.info(
                "Change feed of the PostgreSQL store {} is back after {} ms",
                url,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - downSince));
            downSince = 0;
          }
          backoff = FIRST_BACKOFF_MILLIS;
          follow(c, changes);
        }
      } catch (SQLException | RuntimeException e) {
        if (closed) {
          break;
        }
        if (announced > lastApplied) {
          // a change is known that this node could not read or apply: fail closed now
          knownBehind = true;
        }
        if (downSince == 0) {
          downSince = System.nanoTime();
          LOG.warn(
              "Change feed of the PostgreSQL store {} interrupted, reconnecting: {}",
              url,
              describe(e));
        } else {
          LOG.debug("Change feed of the PostgreSQL store {} still down: {}", url, describe(e));
        }
      } finally {
        connection = null;
        backendPid = 0;
      }
      if (!sleep(backoff)) {
        break;
      }
      backoff = Math.min(backoff * 2, LAST_BACKOFF_MILLIS);
    }
  }

  private Connection connect() throws SQLException {
    Connection c = new Driver().connect(url.jdbcUrl(), connectionProperties);
    if (c == null) {
      throw new SQLException("the driver did not accept the URL " + url, "08001");
    }
    return c;
  }

  /** Waits for notifications and polls, catching up after each, until a failure or close. */
  private void follow(Connection c, PreparedStatement changes) throws SQLException {
    PGConnection pg = c.unwrap(PGConnection.class);
    long nextPoll = System.nanoTime() + pollNanos;
    while (!closed) {
      long untilPoll = TimeUnit.NANOSECONDS.toMillis(nextPoll - System.nanoTime());
      int wait = (int) Math.max(1, Math.min(SLICE_MILLIS, untilPoll));
      PGNotification[] notifications = pg.getNotifications(wait);
      boolean notified = notifications != null && notifications.length > 0;
      long notifiedUpTo = notified ? lastNotified(notifications) : 0;
      if (notifiedUpTo > announced && notifiedUpTo != Long.MAX_VALUE) {
        announced = notifiedUpTo;
      }
      boolean pollDue = System.nanoTime() - nextPoll >= 0;
      if (notified && !wake && !pollDue && passAppliedHere() >= notifiedUpTo) {
        continue; // only changes of this node's own: nothing to read until the next poll
      }
      if (notified || wake || pollDue) {
        wake = false;
        catchUp(c, changes);
        nextPoll = System.nanoTime() + pollNanos;
      }
    }
  }

  /** The highest change-log number the notifications carry; unknown (max) for a foreign payload. */
  private static long lastNotified(PGNotification[] notifications) {
    long last = 0;
    for (PGNotification notification : notifications) {
      try {
        last = Math.max(last, Long.parseLong(notification.getParameter()));
      } catch (NumberFormatException e) {
        return Long.MAX_VALUE; // not Tollgate's: read the log
      }
    }
    return last;
  }

  /**
   * Moves the last applied change past this node's own changes that follow it without a gap, and
   * forgets those behind it; returns the last applied change.
   */
  private long passAppliedHere() {
    Map.Entry<Long, Long> next;
    while ((next = appliedHere.firstEntry()) != null && next.getKey() <= lastApplied + 1) {
      appliedHere.remove(next.getKey());
      lastApplied = Math.max(lastApplied, next.getValue());
    }
    return lastApplied;
  }

  /** Whether change {@code seq} is one this node committed and applied itself. */
  private boolean isAppliedHere(long seq) {
    Map.Entry<Long, Long> range = appliedHere.floorEntry(seq);
    return range != null && range.getValue() >= seq;
  }

  /** Reads the log from the last applied change to its end, delivering each change. */
  private void catchUp(Connection c, PreparedStatement changes) throws SQLException {
    while (true) {
      long sentAt = System.nanoTime();
      if (subscribers.isEmpty()) {
        try (Statement ping = c.createStatement()) {
          ping.execute("SELECT 1");
        }
        confirmedAtNanos = sentAt;
        knownBehind = false;
        return;
      }
      List<long[]> rows = new ArrayList<>();
      changes.setLong(1, lastApplied);
      try (ResultSet rs = changes.executeQuery()) {
        while (rs.next()) {
          rows.add(new long[] {rs.getLong(1), rs.getLong(2)});
        }
      }
      long lastRead = rows.isEmpty() ? 0 : rows.get(rows.size() - 1)[0];
      if (lastRead > announced) {
        announced = lastRead; // read, so known: a failure from here on leaves the node behind
      }
      for (long[] row : rows) {
        if (!isAppliedHere(row[0])) {
          deliver(TokenId.of(row[1]));
        }
        lastApplied = row[0];
      }
      passAppliedHere();
      if (rows.size() < BATCH) {
        confirmedAtNanos = sentAt;
        knownBehind = false;
        announced = lastApplied; // every announcement so far was of a row this round could read
        return;
      }
    }
  }

  private void deliver(TokenId id) {
    for (Consumer<TokenId> subscriber : subscribers) {
      try {
        subscriber.accept(id);
      } catch (RuntimeException e) {
        throw new SubscriberFailure(id, e);
      }
    }
  }

  private String describe(Exception e) {
    if (e instanceof SubscriberFailure) {
      return e.getMessage();
    }
    RuntimeException failure =
        e instanceof SQLException sql
            ? PgErrors.translate(sql, url, "cannot follow the change log")
            : PgErrors.translate((RuntimeException) e, url, "cannot follow the change log");
    return failure.getMessage();
  }

  private boolean sleep(long millis) {
    try {
      Thread.sleep(millis);
      return !closed;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public void close() {
    closed = true;
    Connection current = connection;
    if (current != null) {
      try {
        current.close();
      } catch (SQLException e) {
        LOG.debug("Closing the change feed's connection failed", e);
      }
    }
    thread.interrupt();
    try {
      thread.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A subscriber threw while applying the change to {@code id}: the round is retried. */
  private static final class SubscriberFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SubscriberFailure(TokenId id, RuntimeException cause) {
      super("a change listener failed on token id " + id + " (" + cause + "); retrying", cause);
    }
  }
}
