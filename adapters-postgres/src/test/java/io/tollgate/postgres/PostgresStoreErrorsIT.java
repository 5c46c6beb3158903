package io.tollgate.postgres;

import static io.tollgate.core.testing.TestTokens.newToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.core.domain.StoreException;
import io.tollgate.core.domain.Token;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Failures of the server or the network become StoreExceptions naming where, never the password.
 */
class PostgresStoreErrorsIT {

  private static final PostgresOptions QUICK =
      PostgresOptions.DEFAULTS.withConnectTimeout(Duration.ofSeconds(1));

  private static TestDatabase database;

  @BeforeAll
  static void createDatabase() {
    database = TestPostgres.freshDatabase();
  }

  @AfterAll
  static void dropDatabase() {
    database.close();
  }

  private static int closedPort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  @Test
  void open_ofAnUnreachableServer_namesHostPortAndDatabaseButNotThePassword() throws Exception {
    int port = closedPort();

    assertThatThrownBy(
            () ->
                PostgresStores.open(
                    "postgresql://tollgate:hunter2@127.0.0.1:" + port + "/tokens", QUICK))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("127.0.0.1:" + port + "/tokens")
        .hasMessageNotContaining("hunter2")
        .satisfies(
            e ->
                assertThat(((StoreException) e).condition())
                    .isEqualTo("the token store's database is unreachable"));
  }

  @Test
  void open_ofAMissingDatabase_saysItDoesNotExist() {
    assertThatThrownBy(() -> PostgresStores.open(TestPostgres.urlOf("no_such_database"), QUICK))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("the database ")
        .hasMessageContaining("no_such_database does not exist");
  }

  @Test
  void writesWhileTheServerIsUnreachable_failWithAStoreExceptionInTime_andWorkAgainAfter()
      throws Exception {
    PostgresUrl server = TestPostgres.server();
    String first = server.hosts().split(",")[0];
    int colon = first.lastIndexOf(':');
    try (TcpProxy proxy =
            new TcpProxy(first.substring(0, colon), Integer.parseInt(first.substring(colon + 1)));
        PostgresStore store =
            PostgresStores.open(database.urlThrough(proxy.hostAndPort()), QUICK)) {
      proxy.block();
      long start = System.nanoTime();

      assertThatThrownBy(() -> store.tokens().insert(newToken("during")))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining(proxy.hostAndPort())
          .satisfies(
              e ->
                  assertThat(((StoreException) e).condition())
                      .isEqualTo("the token store's database is unreachable"));
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));

      proxy.unblock();
      // the pool may still hold connections the outage killed: each is discarded when a write on
      // it fails (a StoreException that changed nothing), so the store works again within seconds
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      Token after = null;
      while (after == null) {
        try {
          after = store.tokens().insert(newToken("after"));
        } catch (StoreException e) {
          if (System.nanoTime() > deadline) {
            throw e;
          }
          Thread.sleep(100);
        }
      }
      assertThat(after.name().value()).isEqualTo("after");
      assertThat(store.tokens().findAll())
          .extracting(t -> t.name().value())
          .containsExactly("after");
    }
  }

  @Test
  void connectionsKilledWhileIdle_areDiscardedAtCheckout_soTheNextWriteSucceedsAtOnce()
      throws Exception {
    String name = "idle-kill";
    try (TestDatabase own = TestPostgres.freshDatabase();
        PostgresStore store = PostgresStores.open(own.url() + "?ApplicationName=" + name, QUICK)) {
      int pooled = 3;
      java.util.concurrent.CountDownLatch together =
          new java.util.concurrent.CountDownLatch(pooled);
      java.util.List<Thread> readers = new java.util.ArrayList<>();
      for (int i = 0; i < pooled; i++) {
        Thread reader =
            new Thread(
                () ->
                    store.read(
                        "hold a connection",
                        handle -> {
                          together.countDown();
                          try {
                            together.await(5, java.util.concurrent.TimeUnit.SECONDS);
                          } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                          }
                          return handle.createQuery("SELECT 1").mapTo(Integer.class).one();
                        }));
        reader.start();
        readers.add(reader);
      }
      for (Thread reader : readers) {
        reader.join(10_000);
      }

      long killed =
          own.queryLong(
              "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                  + " WHERE application_name = '"
                  + name
                  + "'");
      // past HikariCP's 500 ms window in which a connection just returned is not validated again
      Thread.sleep(700);

      assertThat(killed).isGreaterThanOrEqualTo(pooled);
      assertThat(store.tokens().insert(newToken("after-kill")).name().value())
          .isEqualTo("after-kill");
      assertThat(store.tokens().findAll()).extracting(t -> t.name().value()).contains("after-kill");
    }
  }
}
