package io.tollgate.app;

import static io.tollgate.app.PostgresCluster.Http.check;
import static io.tollgate.app.PostgresCluster.Http.secretOf;
import static io.tollgate.app.PostgresCluster.Http.send;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC §11 across separate processes: three {@code tollgate serve --store URL} nodes on one
 * PostgreSQL database, the PostgreSQL in this JVM so that it can be stopped and started again.
 */
class ClusterFaultsIT {

  private static final Duration STALENESS = Duration.ofSeconds(2);
  private static final String ADMIN = "/api/v3/configure/token/admin";

  @TempDir static Path work;
  private static PostgresCluster postgres;

  private final List<TollgateProcess.Server> nodes = new ArrayList<>();
  private String database;

  @BeforeAll
  static void startPostgres() throws Exception {
    postgres = PostgresCluster.start(work);
  }

  @AfterAll
  static void stopPostgres() {
    postgres.close();
  }

  @AfterEach
  void stopNodes() {
    nodes.forEach(TollgateProcess.Server::close);
  }

  private List<String> startThreeNodes() throws Exception {
    database = postgres.freshDatabase();
    List<String> urls = new ArrayList<>();
    for (String name : List.of("node-a", "node-b", "node-c")) {
      TollgateProcess.Server node =
          PostgresCluster.node(
              work.resolve(database), postgres.url(database, name), name, STALENESS);
      nodes.add(node);
      urls.add(node.url);
    }
    return urls;
  }

  private static String bootstrap(String node) {
    HttpResponse<String> created = send(node, "POST", ADMIN, null, null);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return secretOf(created);
  }

  private static String createNamed(String node, String admin, String name) {
    HttpResponse<String> created =
        send(
            node,
            "POST",
            "/api/v3/configure/token/named_admin",
            admin,
            "{\"token_name\": \"" + name + "\"}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return secretOf(created);
  }

  /** Milliseconds until {@code status} answers {@code expected}; fails after {@code limit}. */
  private static long awaitStatus(IntSupplier status, int expected, Duration limit)
      throws InterruptedException {
    long start = System.nanoTime();
    int last = -1;
    while (System.nanoTime() - start < limit.toNanos()) {
      last = status.getAsInt();
      if (last == expected) {
        return Duration.ofNanos(System.nanoTime() - start).toMillis();
      }
      Thread.sleep(10);
    }
    throw new AssertionError("still " + last + " instead of " + expected + " after " + limit);
  }

  /** Runs {@code count} calls at once, {@code call(i)} each, and returns their statuses. */
  private static List<Integer> concurrently(int count, java.util.function.IntFunction<Integer> call)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(count);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Integer>> results = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        int n = i;
        results.add(
            pool.submit(
                () -> {
                  go.await();
                  return call.apply(n);
                }));
      }
      go.countDown();
      List<Integer> statuses = new ArrayList<>();
      for (Future<Integer> result : results) {
        statuses.add(result.get());
      }
      return statuses;
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void concurrentBootstrapsOverThreeNodes_haveExactlyOneWinner() throws Exception {
    List<String> urls = startThreeNodes();

    List<Integer> statuses =
        concurrently(32, i -> send(urls.get(i % 3), "POST", ADMIN, null, null).statusCode());

    assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
    assertThat(statuses).filteredOn(s -> s != 201).containsOnly(409);
  }

  @Test
  void concurrentRegenerationsWithOneSecretOverThreeNodes_haveExactlyOneWinner() throws Exception {
    List<String> urls = startThreeNodes();
    String admin = bootstrap(urls.get(0));
    for (String node : urls) {
      awaitStatus(() -> check(node, admin), 200, Duration.ofSeconds(5));
    }
    ConcurrentLinkedQueue<String> winners = new ConcurrentLinkedQueue<>();

    List<Integer> statuses =
        concurrently(
            16,
            i -> {
              HttpResponse<String> r =
                  send(urls.get(i % 3), "POST", ADMIN + "/regenerate", admin, null);
              if (r.statusCode() == 201) {
                winners.add(secretOf(r));
              }
              return r.statusCode();
            });

    assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
    assertThat(statuses).filteredOn(s -> s != 201).containsOnly(401);
    for (String node : urls) {
      awaitStatus(() -> check(node, winners.peek()), 200, Duration.ofSeconds(5));
      assertThat(check(node, admin)).isEqualTo(401);
    }
  }

  @Test
  void aTokenDeletedOnOneNode_isRefusedOnTheOthersPromptly() throws Exception {
    List<String> urls = startThreeNodes();
    String admin = bootstrap(urls.get(0));
    String doomed = createNamed(urls.get(0), admin, "doomed");
    for (String node : urls) {
      awaitStatus(() -> check(node, doomed), 200, Duration.ofSeconds(5));
    }

    HttpResponse<String> deleted =
        send(urls.get(0), "DELETE", "/api/v3/configure/token?token_name=doomed", admin, null);

    assertThat(deleted.statusCode()).isEqualTo(200);
    assertThat(awaitStatus(() -> check(urls.get(1), doomed), 401, Duration.ofSeconds(2)))
        .isLessThan(1_000);
    assertThat(awaitStatus(() -> check(urls.get(2), doomed), 401, Duration.ofSeconds(2)))
        .isLessThan(1_000);
  }

  @Test
  void aNodeWhoseListenerIsKilled_catchesUp_andMissesNoRevocationMadeMeanwhile() throws Exception {
    List<String> urls = startThreeNodes();
    String admin = bootstrap(urls.get(0));
    String doomed = createNamed(urls.get(0), admin, "doomed");
    awaitStatus(() -> check(urls.get(1), doomed), 200, Duration.ofSeconds(5));
    List<Integer> listener = postgres.backends("node-b changes");
    assertThat(listener).hasSize(1);

    postgres.execute("postgres", "SELECT pg_terminate_backend(" + listener.get(0) + ")");
    assertThat(
            send(urls.get(0), "DELETE", "/api/v3/configure/token?token_name=doomed", admin, null)
                .statusCode())
        .isEqualTo(200);

    awaitStatus(() -> check(urls.get(1), doomed), 401, STALENESS.plusSeconds(5));
    awaitStatus(() -> postgres.backends("node-b changes").size(), 1, Duration.ofSeconds(10));
    assertThat(postgres.backends("node-b changes")).doesNotContain(listener.get(0));
    assertThat(check(urls.get(1), admin)).isEqualTo(200);
  }

  @Test
  void withPostgresStopped_nodesFailClosedWithinMaxStaleness_andRecoverWithoutRestart()
      throws Exception {
    List<String> urls = startThreeNodes();
    String admin = bootstrap(urls.get(0));
    String revoked = createNamed(urls.get(0), admin, "revoked");
    for (String node : urls) {
      awaitStatus(() -> check(node, revoked), 200, Duration.ofSeconds(5));
    }
    assertThat(
            send(urls.get(0), "DELETE", "/api/v3/configure/token?token_name=revoked", admin, null)
                .statusCode())
        .isEqualTo(200);

    postgres.stopServer();
    try {
      long stoppedAt = System.nanoTime();
      for (String node : urls) {
        assertThat(check(node, revoked)).isIn(401, 503);
      }
      for (String node : urls) {
        awaitStatus(() -> check(node, admin), 503, STALENESS.plusSeconds(3));
        assertThat(check(node, revoked)).isEqualTo(503);
      }
      assertThat(Duration.ofNanos(System.nanoTime() - stoppedAt))
          .isLessThan(STALENESS.plusSeconds(3));
    } finally {
      postgres.startServer();
    }

    for (String node : urls) {
      awaitStatus(() -> check(node, admin), 200, Duration.ofSeconds(30));
      assertThat(check(node, revoked)).isEqualTo(401);
    }
  }

  @Test
  void aNodeKilledDuringABurstOfCreations_losesNoAcknowledgedToken() throws Exception {
    List<String> urls = startThreeNodes();
    String admin = bootstrap(urls.get(0));
    awaitStatus(() -> check(urls.get(0), admin), 200, Duration.ofSeconds(5));
    ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
    AtomicBoolean killed = new AtomicBoolean();
    ExecutorService clients = Executors.newFixedThreadPool(4);
    try {
      for (int c = 0; c < 4; c++) {
        int client = c;
        clients.submit(
            () -> {
              for (int i = 0; !killed.get() && i < 500; i++) {
                try {
                  HttpResponse<String> r =
                      send(
                          urls.get(0),
                          "POST",
                          "/api/v3/configure/token/named_admin",
                          admin,
                          "{\"token_name\": \"burst-" + client + "-" + i + "\"}");
                  if (r.statusCode() == 201) {
                    acknowledged.add(secretOf(r));
                  }
                } catch (RuntimeException e) {
                  return; // the node is gone
                }
              }
            });
      }
      awaitStatus(() -> acknowledged.size() >= 20 ? 1 : 0, 1, Duration.ofSeconds(30));
      nodes.get(0).process.destroyForcibly(); // SIGKILL
      killed.set(true);
      nodes.get(0).process.waitFor();
    } finally {
      clients.shutdown();
      clients.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS);
    }

    assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(20);
    for (String token : acknowledged) {
      awaitStatus(() -> check(urls.get(1), token), 200, Duration.ofSeconds(5));
      awaitStatus(() -> check(urls.get(2), token), 200, Duration.ofSeconds(5));
    }
  }
}
