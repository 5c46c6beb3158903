package io.tollgate.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.http.Harness.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ConcurrentRegenerationIT {
  @Test
  void sixteenConcurrentRegenerations_withTheSameOldToken_exactlyOneSucceeds() throws Exception {
    try (Harness h = Harness.startReal(b -> b)) {
      String old = h.createOperator();
      ExecutorService pool = Executors.newFixedThreadPool(16);
      CountDownLatch ready = new CountDownLatch(16);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Reply>> futures = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        futures.add(
            pool.submit(
                () -> {
                  ready.countDown();
                  go.await();
                  return h.post(
                      "/api/v3/configure/token/admin/regenerate", null, Harness.bearer(old));
                }));
      }
      ready.await();
      go.countDown();
      List<Reply> replies = new ArrayList<>();
      for (Future<Reply> future : futures) {
        replies.add(future.get());
      }
      pool.shutdown();
      assertThat(replies.stream().filter(r -> r.status() == 201)).hasSize(1);
      assertThat(replies.stream().filter(r -> r.status() == 401)).hasSize(15);
      String winner =
          replies.stream().filter(r -> r.status() == 201).findFirst().orElseThrow().field("token");
      assertThat(h.authority.authenticate(winner).isAuthenticated()).isTrue();
      assertThat(h.authority.authenticate(old).isAuthenticated()).isFalse();
    }
  }
}
