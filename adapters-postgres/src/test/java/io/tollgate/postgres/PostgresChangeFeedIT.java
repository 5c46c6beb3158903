package io.tollgate.postgres;

import static io.tollgate.core.testing.TestTokens.newToken;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.core.domain.Token;
import io.tollgate.core.domain.TokenId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a node's change feed delivers and when the node counts as current, with a maximum staleness
 * far longer than the tests, so that "at once" cannot be the staleness running out.
 */
class PostgresChangeFeedIT {

  private static final PostgresOptions SLOW_TO_GO_STALE =
      PostgresOptions.DEFAULTS.withMaxStaleness(Duration.ofMinutes(5));

  private static TestDatabase database;
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
    a = PostgresStores.open(database.url(), SLOW_TO_GO_STALE);
    b = PostgresStores.open(database.url(), SLOW_TO_GO_STALE);
  }

  @AfterEach
  void closeNodes() {
    a.close();
    b.close();
  }

  @Test
  void changesCommittedThroughTheNodeItself_arePassedOver_changesFromAnotherArrive()
      throws Exception {
    BlockingQueue<TokenId> onA = new LinkedBlockingQueue<>();
    a.onChangeElsewhere(onA::add);
    Set<TokenId> madeOnA = new HashSet<>();
    for (int i = 0; i < 20; i++) {
      madeOnA.add(a.tokens().insert(newToken("own" + i)).id());
    }
    Token fromB = b.tokens().insert(newToken("from-b"));

    List<TokenId> before = new ArrayList<>();
    TokenId id;
    while ((id = onA.poll(5, TimeUnit.SECONDS)) != null && !id.equals(fromB.id())) {
      before.add(id);
    }
    assertThat(id).isEqualTo(fromB.id());
    // one of A's own that the feed read before its commit call returned may come through (a
    // harmless re-read); passing over them works when most do not
    assertThat(madeOnA).containsAll(before);
    assertThat(before).as("own changes delivered").hasSizeLessThan(5);
    // the feed counts a change as applied after its callbacks return, so B's change may have been
    // delivered a moment before the counter moves
    waitUntil(() -> a.lastAppliedChange() >= 21, Duration.ofSeconds(5));
    assertThat(a.lastAppliedChange()).isEqualTo(21);
  }

  @Test
  void aNodeThatCannotApplyAnAnnouncedChange_failsClosedAtOnce_andIsCurrentOnceItHas()
      throws Exception {
    AtomicBoolean failing = new AtomicBoolean(true);
    BlockingQueue<TokenId> applied = new LinkedBlockingQueue<>();
    b.onChangeElsewhere(
        id -> {
          if (failing.get()) {
            throw new IllegalStateException("cannot apply");
          }
          applied.add(id);
        });
    waitUntil(() -> b.isCurrent(), Duration.ofSeconds(5));

    Token made = a.tokens().insert(newToken("announced"));

    waitUntil(() -> !b.isCurrent(), Duration.ofSeconds(5));
    assertThat(applied).isEmpty();
    failing.set(false);
    assertThat(applied.poll(10, TimeUnit.SECONDS)).isEqualTo(made.id());
    waitUntil(() -> b.isCurrent(), Duration.ofSeconds(5));
    assertThat(b.lastAppliedChange()).isEqualTo(1);
  }

  @Test
  void aNodeThatLosesItsFeedWithNothingAnnounced_staysCurrentWithinTheMaximumStaleness()
      throws Exception {
    b.onChangeElsewhere(id -> {});
    waitUntil(() -> b.changeFeedBackendPid() != 0, Duration.ofSeconds(5));
    int killed = b.changeFeedBackendPid();

    database.terminate(killed);

    waitUntil(
        () -> b.changeFeedBackendPid() != 0 && b.changeFeedBackendPid() != killed,
        Duration.ofSeconds(10));
    assertThat(b.isCurrent()).isTrue();
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
