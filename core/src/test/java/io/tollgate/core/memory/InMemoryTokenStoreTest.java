package io.tollgate.core.memory;

import static io.tollgate.core.testing.TestTokens.newToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.core.domain.TokenName;
import io.tollgate.core.port.out.TokenStore;
import io.tollgate.core.port.out.TokenStoreContract;
import io.tollgate.core.testing.ScriptedStore;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Core's unit-of-work contract on the in-memory store; its audit appends fail by script. */
class InMemoryTokenStoreTest extends TokenStoreContract {

  @Override
  protected TokenStore newStore() {
    return new ScriptedStore(new InMemoryTokenStore());
  }

  @Override
  protected void breakAuditLog(TokenStore store) {
    ((ScriptedStore) store).failAudit();
  }

  @Test
  void readers_neverSeeAnUnfinishedTransaction() throws Exception {
    InMemoryTokenStore memory = new InMemoryTokenStore();
    CountDownLatch written = new CountDownLatch(1);
    CountDownLatch readStarted = new CountDownLatch(1);
    AtomicReference<Boolean> seen = new AtomicReference<>();
    Thread reader =
        new Thread(
            () -> {
              readStarted.countDown();
              seen.set(memory.tokens().findByName(TokenName.of("ci")).isPresent());
            });

    assertThatThrownBy(
        () ->
            memory.inTransaction(
                tx -> {
                  tx.tokens().insert(newToken("ci"));
                  written.countDown();
                  reader.start();
                  awaitQuietly(readStarted);
                  throw new IllegalStateException("rolled back while a reader waits");
                }));
    reader.join();

    assertThat(written.getCount()).isZero();
    assertThat(seen.get()).isFalse();
  }

  @Test
  void aTransaction_cannotBeUsedAfterItsWork() {
    InMemoryTokenStore memory = new InMemoryTokenStore();
    io.tollgate.core.port.out.StoreTransaction escaped = memory.inTransaction(tx -> tx);

    assertThatThrownBy(() -> escaped.tokens().insert(newToken("late")))
        .isInstanceOf(IllegalStateException.class);
    assertThat(memory.tokens().findAll()).isEmpty();
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
