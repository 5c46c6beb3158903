package io.tollgate.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.core.crypto.SecureRandomSecretGenerator;
import io.tollgate.core.crypto.Sha512TokenHasher;
import io.tollgate.core.domain.Actor;
import io.tollgate.core.domain.AuthenticationResult;
import io.tollgate.core.domain.IssuedToken;
import io.tollgate.core.domain.Lifetime;
import io.tollgate.core.domain.Token;
import io.tollgate.core.domain.TokenName;
import io.tollgate.core.domain.TokenNameAlreadyExistsException;
import io.tollgate.core.port.in.CreateNamedAdminTokenUseCase.CreateNamedAdminTokenCommand;
import io.tollgate.core.service.TokenService;
import io.tollgate.core.testing.TestTokens;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Eight threads create, delete and regenerate through the token service for a few seconds. Every
 * acknowledged operation is recorded; replaying them serially must give exactly what the store and
 * the in-memory index hold.
 */
class ConcurrentWritesTest {

  private static final int THREADS = 8;
  private static final long RUN_MILLIS = 3_000;
  private static final int SHARED_NAMES = 10;

  @TempDir Path tempDir;

  /** What a name should hold after the acknowledged operations: its id, hash and secret. */
  private record Live(Token token, String secret) {}

  /** One acknowledged operation of one thread, in that thread's order. */
  private record Ack(String kind, String name, Token token, String secret) {}

  @Test
  void concurrentWrites_loseNothingDuplicateNothingAndMatchASerialReplay() throws Exception {
    Path dataDir = tempDir.resolve("data");
    Map<String, Live> expected;
    List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
    long acknowledged;
    long conflicts;
    double seconds;
    try (SqliteStore store = SqliteStores.open(dataDir)) {
      TokenService service = service(store);
      IssuedToken operator = service.createOperatorToken();

      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      CountDownLatch start = new CountDownLatch(1);
      List<Future<List<Ack>>> workers = new ArrayList<>();
      AtomicLong conflictCount = new AtomicLong();
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        workers.add(pool.submit(() -> work(service, thread, start, conflictCount, failures)));
      }
      long begin = System.nanoTime();
      start.countDown();
      List<List<Ack>> perThread = new ArrayList<>();
      for (Future<List<Ack>> worker : workers) {
        perThread.add(worker.get(RUN_MILLIS + 30_000, TimeUnit.MILLISECONDS));
      }
      seconds = (System.nanoTime() - begin) / 1e9;
      pool.shutdown();

      expected = replay(operator, perThread);
      acknowledged = perThread.stream().mapToLong(List::size).sum();
      conflicts = conflictCount.get();

      assertThat(failures).as("errors reaching callers").isEmpty();
      assertThat(summary(store.tokens().findAll())).isEqualTo(summary(expected));
      assertThat(service.indexedTokenCount()).isEqualTo(expected.size());
      for (Live live : expected.values()) {
        assertThat(service.authenticate(live.secret()))
            .isInstanceOf(AuthenticationResult.Authenticated.class);
      }
    }
    try (SqliteStore reopened = SqliteStores.open(dataDir)) {
      List<Token> all = reopened.tokens().findAll();
      assertThat(summary(all)).isEqualTo(summary(expected));
      assertThat(all.stream().map(Token::id).distinct()).hasSize(all.size());
    }
    System.out.printf(
        "concurrency: %d threads, %d acknowledged writes in %.1f s = %.0f ops/s"
            + " (%d expected name conflicts, %d live tokens)%n",
        THREADS, acknowledged, seconds, acknowledged / seconds, conflicts, expected.size());
    assertThat(acknowledged).isGreaterThan(THREADS * 10L);
  }

  private static List<Ack> work(
      TokenService service,
      int thread,
      CountDownLatch start,
      AtomicLong conflicts,
      List<Throwable> failures)
      throws InterruptedException {
    start.await();
    Random random = new Random(thread);
    List<Ack> acks = new ArrayList<>();
    List<String> mine = new ArrayList<>();
    Map<String, String> secrets = new HashMap<>();
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(RUN_MILLIS);
    int counter = 0;
    while (System.nanoTime() < deadline) {
      int dice = random.nextInt(100);
      try {
        if (dice < 45 || mine.isEmpty()) {
          String name = "t" + thread + "-" + counter++;
          IssuedToken issued = service.createNamedAdminToken(command(name));
          mine.add(name);
          secrets.put(name, issued.secret().value());
          acks.add(new Ack("create", name, issued.token(), issued.secret().value()));
        } else if (dice < 70) {
          String name = mine.remove(random.nextInt(mine.size()));
          service.deleteToken(TokenName.of(name), Actor.BOOTSTRAP);
          acks.add(new Ack("delete", name, null, null));
        } else if (dice < 85) {
          IssuedToken issued = service.regenerateOperatorTokenOutOfBand(Actor.OFFLINE_RECOVERY);
          acks.add(new Ack("regenerate", "_admin", issued.token(), issued.secret().value()));
        } else if (dice < 95) {
          String name = "shared-" + random.nextInt(SHARED_NAMES);
          try {
            IssuedToken issued = service.createNamedAdminToken(command(name));
            acks.add(new Ack("create", name, issued.token(), issued.secret().value()));
          } catch (TokenNameAlreadyExistsException expected) {
            conflicts.incrementAndGet();
          }
        } else {
          String name = mine.get(random.nextInt(mine.size()));
          if (!(service.authenticate(secrets.get(name))
              instanceof AuthenticationResult.Authenticated)) {
            throw new AssertionError("live token " + name + " does not authenticate");
          }
          service.listTokens();
        }
      } catch (RuntimeException | AssertionError e) {
        failures.add(e);
      }
    }
    return acks;
  }

  /**
   * Applies the acknowledged operations: per thread in order for its own names; shared names are
   * created once and never deleted; the operator token ends with the hash of the regeneration that
   * committed last, which the strictly increasing clock identifies by its updated_at.
   */
  private static Map<String, Live> replay(IssuedToken operator, List<List<Ack>> perThread) {
    Map<String, Live> state = new LinkedHashMap<>();
    state.put("_admin", new Live(operator.token(), operator.secret().value()));
    Map<String, Integer> sharedCreations = new HashMap<>();
    for (List<Ack> acks : perThread) {
      for (Ack ack : acks) {
        switch (ack.kind()) {
          case "create" -> {
            if (ack.name().startsWith("shared-")) {
              sharedCreations.merge(ack.name(), 1, Integer::sum);
            }
            assertThat(state.put(ack.name(), new Live(ack.token(), ack.secret())))
                .as("created twice: " + ack.name())
                .isNull();
          }
          case "delete" -> assertThat(state.remove(ack.name())).isNotNull();
          case "regenerate" -> {
            Instant at = ack.token().updatedAt();
            Token current = state.get("_admin").token();
            if (current.updatedAt() == null || at.isAfter(current.updatedAt())) {
              state.put("_admin", new Live(ack.token(), ack.secret()));
            }
          }
          default -> throw new IllegalStateException(ack.kind());
        }
      }
    }
    assertThat(sharedCreations.values()).allMatch(n -> n == 1);
    return state;
  }

  private static Map<String, String> summary(List<Token> tokens) {
    assertThat(tokens.stream().map(t -> t.name().value()).distinct()).hasSize(tokens.size());
    return tokens.stream()
        .collect(
            Collectors.toMap(
                t -> t.name().value(), t -> t.id() + ":" + t.hash().hex(), (a, b) -> a + b));
  }

  private static Map<String, String> summary(Map<String, Live> state) {
    return state.values().stream()
        .map(Live::token)
        .collect(Collectors.toMap(t -> t.name().value(), t -> t.id() + ":" + t.hash().hex()));
  }

  private static CreateNamedAdminTokenCommand command(String name) {
    return new CreateNamedAdminTokenCommand(
        TokenName.named(name), Lifetime.FOREVER, null, Actor.BOOTSTRAP);
  }

  private static TokenService service(SqliteStore store) {
    return new TokenService(
        store, new Sha512TokenHasher(), new SecureRandomSecretGenerator(), new TickingClock());
  }

  /** Every reading is one millisecond later than the last, so timestamps order the writes. */
  private static final class TickingClock extends Clock {
    private final AtomicLong millis = new AtomicLong(TestTokens.T0.toEpochMilli());

    @Override
    public long millis() {
      return millis.incrementAndGet();
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis());
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException();
    }
  }
}
