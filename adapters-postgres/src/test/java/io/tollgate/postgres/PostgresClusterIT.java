package io.tollgate.postgres;

import static io.tollgate.core.testing.TestTokens.T0;
import static io.tollgate.core.testing.TestTokens.hashOf;
import static io.tollgate.core.testing.TestTokens.newToken;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.core.domain.Token;
import io.tollgate.core.domain.TokenId;
import io.tollgate.core.domain.TokenName;
import io.tollgate.core.domain.TokenNameAlreadyExistsException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two nodes on one database: the rules of SPEC §11 across nodes, and the change feed. */
class PostgresClusterIT {

  private static final Duration STALENESS = Duration.ofSeconds(1);
  private static final PostgresOptions FAST = PostgresOptions.DEFAULTS.withMaxStaleness(STALENESS);

  private static TestDatabase database;
  private final List<AutoCloseable> opened = new ArrayList<>();
  private PostgresStore a;
  private PostgresStore b;

  @BeforeAll
  static void createDatabase() {
    database = TestPostgres.freshDatabase();
  }

  @AfterAll
  static void dropDatabase() {
    database.close();
  }

  @BeforeEach
  void openNodes() {
    database.reset();
    a = open(database.url());
    b = open(database.url());
  }

  private PostgresStore open(String url) {
    PostgresStore store = PostgresStores.open(url, FAST);
    opened.add(store);
    return store;
  }

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable closeable : opened) {
      closeable.close();
    }
  }

  /** B's change feed, as a queue of the token ids it delivered. */
  private BlockingQueue<TokenId> follow(PostgresStore node) {
    BlockingQueue<TokenId> changes = new LinkedBlockingQueue<>();
    node.onChangeElsewhere(changes::add);
    return changes;
  }

  /**
   * From the commit's return on A to the listener's call on B, after a warm-up. The machine is
   * shared by many builds (load averages of 20 on 2 cores seen), so the bound is on the 90th
   * percentile, every change within a second; the bench measures the real p99.
   */
  @Test
  void aChangeOnA_reachesBsListenerWithin100Milliseconds() throws Exception {
    BlockingQueue<long[]> calls = new LinkedBlockingQueue<>();
    b.onChangeElsewhere(id -> calls.add(new long[] {id.value(), System.nanoTime()}));
    for (int i = 0; i < 5; i++) {
      a.tokens().insert(newToken("warm-up" + i));
      assertThat(calls.poll(2, TimeUnit.SECONDS)).isNotNull();
    }

    List<Long> delays = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      Token token = a.tokens().insert(newToken("t" + i));
      long committed = System.nanoTime();
      long[] call = calls.poll(2, TimeUnit.SECONDS);
      assertThat(call).isNotNull();
      assertThat(call[0]).isEqualTo(token.id().value());
      delays.add(TimeUnit.NANOSECONDS.toMillis(Math.max(0, call[1] - committed)));
    }

    List<Long> sorted = delays.stream().sorted().toList();
    assertThat(sorted.get(17)).as("p90 of %s", delays).isLessThan(100);
    assertThat(sorted.get(19)).as("max of %s", delays).isLessThan(1_000);
  }

  @Test
  void changesCommittedBeforeSubscribing_butAfterOpening_areStillDelivered() throws Exception {
    Token early = a.tokens().insert(newToken("early"));
    waitUntil(() -> b.lastAppliedChange() == 0 && b.isCurrent(), Duration.ofSeconds(2));

    BlockingQueue<TokenId> changes = follow(b);

    assertThat(changes.poll(2, TimeUnit.SECONDS)).isEqualTo(early.id());
  }

  @Test
  void aKilledFeedConnection_reconnectsAndCatchesUpWithEveryChangeMadeMeanwhile() throws Exception {
    BlockingQueue<TokenId> changes = follow(b);
    waitUntil(() -> b.changeFeedBackendPid() != 0, Duration.ofSeconds(5));
    int killed = b.changeFeedBackendPid();

    database.terminate(killed);
    Set<TokenId> madeMeanwhile = new HashSet<>();
    for (int i = 0; i < 10; i++) {
      madeMeanwhile.add(a.tokens().insert(newToken("meanwhile" + i)).id());
    }
    a.tokens().deleteByName(TokenName.of("meanwhile3"));

    Set<TokenId> delivered = new HashSet<>();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (delivered.size() < madeMeanwhile.size() && System.nanoTime() < deadline) {
      TokenId id = changes.poll(100, TimeUnit.MILLISECONDS);
      if (id != null) {
        delivered.add(id);
      }
    }
    assertThat(delivered).isEqualTo(madeMeanwhile);
    waitUntil(() -> b.lastAppliedChange() == 11, Duration.ofSeconds(5));
    assertThat(b.changeFeedBackendPid()).isNotZero().isNotEqualTo(killed);
  }

  @Test
  void aNodeCutOffFromPostgres_turnsStaleWithinMaxStaleness_andCurrentAgainWhenBack()
      throws Exception {
    try (TcpProxy proxy = proxyToServer()) {
      PostgresStore cut = open(database.urlThrough(proxy.hostAndPort()));
      BlockingQueue<TokenId> changes = follow(cut);
      // current from its load on; following once its feed is connected through the proxy
      waitUntil(() -> cut.isCurrent() && cut.changeFeedBackendPid() != 0, Duration.ofSeconds(5));

      proxy.block();
      long blockedAt = System.nanoTime();
      Token revoked = a.tokens().insert(newToken("revoked-while-away"));
      a.tokens().deleteByName(revoked.name());
      waitUntil(() -> !cut.isCurrent(), STALENESS.plusMillis(500));
      long staleAfter = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - blockedAt);
      assertThat(staleAfter).isLessThanOrEqualTo(STALENESS.toMillis() + 200);
      assertThat(cut.lagMillis().getAsLong()).isGreaterThanOrEqualTo(STALENESS.toMillis());
      Thread.sleep(500);
      assertThat(cut.isCurrent()).isFalse();

      proxy.unblock();
      waitUntil(cut::isCurrent, Duration.ofSeconds(5));
      assertThat(changes.poll(1, TimeUnit.SECONDS)).isEqualTo(revoked.id());
      assertThat(cut.lagMillis().getAsLong()).isLessThan(STALENESS.toMillis());
      assertThat(cut.tokens().findByName(revoked.name())).isEmpty();
    }
  }

  @Test
  void aNodeBehindASilentNetwork_turnsStale_andRecoversWhenPacketsFlowAgain() throws Exception {
    try (TcpProxy proxy = proxyToServer()) {
      PostgresStore cut = open(database.urlThrough(proxy.hostAndPort()));
      BlockingQueue<TokenId> changes = follow(cut);
      waitUntil(() -> cut.isCurrent() && cut.changeFeedBackendPid() != 0, Duration.ofSeconds(5));

      proxy.freeze();
      Token revoked = a.tokens().insert(newToken("revoked-in-silence"));
      a.tokens().deleteByName(revoked.name());
      waitUntil(() -> !cut.isCurrent(), STALENESS.plusMillis(500));
      assertThat(changes).doesNotContain(revoked.id());

      proxy.thaw();
      waitUntil(cut::isCurrent, Duration.ofSeconds(10));
      assertThat(changes.poll(1, TimeUnit.SECONDS)).isEqualTo(revoked.id());
    }
  }

  @Test
  void aListenerThatThrows_getsTheSameChangeAgainUntilItIsApplied() throws Exception {
    BlockingQueue<TokenId> applied = new LinkedBlockingQueue<>();
    java.util.concurrent.atomic.AtomicInteger calls =
        new java.util.concurrent.atomic.AtomicInteger();
    b.onChangeElsewhere(
        id -> {
          if (calls.getAndIncrement() < 3) {
            throw new IllegalStateException("cannot refresh the index now");
          }
          applied.add(id);
        });

    Token token = a.tokens().insert(newToken("retried"));

    assertThat(applied.poll(5, TimeUnit.SECONDS)).isEqualTo(token.id());
    assertThat(calls.get()).isEqualTo(4);
    waitUntil(() -> b.lastAppliedChange() == 1 && b.isCurrent(), Duration.ofSeconds(2));
  }

  @Test
  void aListenerThatKeepsFailing_leavesTheNodeStale() throws Exception {
    b.onChangeElsewhere(
        id -> {
          throw new IllegalStateException("cannot refresh the index");
        });
    a.tokens().insert(newToken("never-applied"));

    waitUntil(() -> !b.isCurrent(), STALENESS.plusMillis(500));
    assertThat(b.lastAppliedChange()).isZero();
  }

  private static TcpProxy proxyToServer() throws java.io.IOException {
    String first = TestPostgres.server().hosts().split(",")[0];
    int colon = first.lastIndexOf(':');
    return new TcpProxy(first.substring(0, colon), Integer.parseInt(first.substring(colon + 1)));
  }

  @Test
  void sixteenConcurrentOperatorInserts_fromTwoNodes_exactlyOneSucceeds() throws Exception {
    List<Callable<Token>> attempts = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      PostgresStore node = i % 2 == 0 ? a : b;
      String secret = "apiv3_admin-" + i;
      attempts.add(() -> node.tokens().insert(newToken("_admin", secret)));
    }

    List<Object> outcomes = runTogether(attempts);

    assertThat(outcomes).filteredOn(Token.class::isInstance).hasSize(1);
    assertThat(outcomes)
        .filteredOn(outcome -> !(outcome instanceof Token))
        .hasSize(15)
        .allMatch(TokenNameAlreadyExistsException.class::isInstance);
    assertThat(b.tokens().findAll()).hasSize(1);
  }

  @Test
  void concurrentCompareAndSetOfOneHash_fromTwoNodes_exactlyOneSucceeds() throws Exception {
    Token admin = a.tokens().insert(newToken("_admin", "apiv3_old"));
    List<Callable<Object>> attempts = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      PostgresStore node = i % 2 == 0 ? a : b;
      String replacement = "apiv3_new-" + i;
      attempts.add(
          () ->
              node.tokens()
                  .replaceHash(
                      admin.id(), hashOf("apiv3_old"), hashOf(replacement), T0, admin.id()));
    }

    List<Object> outcomes = runTogether(attempts);

    assertThat(outcomes)
        .filteredOn(o -> o instanceof java.util.Optional<?> p && p.isPresent())
        .hasSize(1);
    assertThat(outcomes).filteredOn(o -> java.util.Optional.empty().equals(o)).hasSize(15);
  }

  @Test
  void concurrentInserts_fromTwoNodes_getUniqueIdsFromZeroWithoutGaps() throws Exception {
    List<Callable<Token>> attempts = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      PostgresStore node = i % 2 == 0 ? a : b;
      String name = "token-" + i;
      attempts.add(() -> node.tokens().insert(newToken(name)));
    }

    List<Object> outcomes = runTogether(attempts);

    assertThat(outcomes)
        .allMatch(Token.class::isInstance)
        .extracting(outcome -> ((Token) outcome).id().value())
        .containsExactlyInAnyOrderElementsOf(
            java.util.stream.LongStream.range(0, 40).boxed().toList());
  }

  /** Starts every call at once (a barrier) and returns each result or exception, in order. */
  private static <T> List<Object> runTogether(List<? extends Callable<? extends T>> calls)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(calls.size());
    CyclicBarrier start = new CyclicBarrier(calls.size());
    try {
      List<Future<Object>> futures = new ArrayList<>();
      for (Callable<? extends T> call : calls) {
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  try {
                    return call.call();
                  } catch (RuntimeException e) {
                    return e;
                  }
                }));
      }
      List<Object> outcomes = new ArrayList<>();
      for (Future<Object> future : futures) {
        outcomes.add(future.get(30, TimeUnit.SECONDS));
      }
      return outcomes;
    } finally {
      pool.shutdownNow();
    }
  }

  private static void waitUntil(BooleanSupplier condition, Duration within)
      throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + within);
      }
      Thread.sleep(10);
    }
  }
}
