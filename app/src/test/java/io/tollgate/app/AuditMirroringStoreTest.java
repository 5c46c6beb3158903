package io.tollgate.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.core.domain.Actor;
import io.tollgate.core.domain.AuditEntry;
import io.tollgate.core.memory.InMemoryTokenStore;
import io.tollgate.core.port.out.TokenStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The {@code --audit-log} wrapper hands on committed entries only; retention prunes in batches. */
class AuditMirroringStoreTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private final List<AuditEntry> mirrored = new ArrayList<>();
  private final AuditMirroringStore store =
      new AuditMirroringStore(new InMemoryTokenStore(), mirrored::addAll);

  private static AuditEntry created(String name, Instant at) {
    return new AuditEntry(at, AuditEntry.TOKEN_CREATED, name, Actor.BOOTSTRAP);
  }

  @Test
  void theEntriesOfAUnitOfWork_areHandedOnAfterItCommits() {
    store.inTransaction(
        tx -> {
          tx.audit(created("a", T0));
          assertThat(mirrored).as("not before the commit").isEmpty();
          return null;
        });

    assertThat(mirrored).containsExactly(created("a", T0));
  }

  @Test
  void aUnitOfWorkThatThrows_handsOnNothing() {
    assertThatThrownBy(
            () ->
                store.inTransaction(
                    tx -> {
                      tx.audit(created("a", T0));
                      throw new IllegalStateException("refused");
                    }))
        .hasMessage("refused");

    assertThat(mirrored).isEmpty();
    assertThat(store.auditLog().entries()).isEmpty();
  }

  @Test
  void aBatchRecordedOnItsOwn_isHandedOn() {
    store.auditLog().record(List.of(created("a", T0), created("b", T0)));

    assertThat(mirrored).hasSize(2);
    assertThat(store.auditLog().entries()).hasSize(2);
  }

  @Test
  void retention_prunesEverythingOlderInBatches_andKeepsTheRest() {
    List<AuditEntry> old = new ArrayList<>();
    for (int i = 0; i < 2 * AuditRetention.BATCH + 5; i++) {
      old.add(created("old" + i, T0.plusMillis(i)));
    }
    store.auditLog().record(old);
    store.auditLog().record(created("new", T0.plus(Duration.ofDays(100))));
    Clock now = Clock.fixed(T0.plus(Duration.ofDays(100)), ZoneOffset.UTC);

    long pruned = new AuditRetention(store.auditLog(), Duration.ofDays(90), now).prune();

    assertThat(pruned).isEqualTo(2L * AuditRetention.BATCH + 5);
    assertThat(store.auditLog().entries()).extracting(AuditEntry::tokenName).containsExactly("new");
  }

  @Test
  void theWrappedStoresLag_isReportedThrough() {
    TokenStore lagging =
        (TokenStore)
            java.lang.reflect.Proxy.newProxyInstance(
                TokenStore.class.getClassLoader(),
                new Class<?>[] {TokenStore.class},
                (proxy, method, args) ->
                    method.getName().equals("lagMillis") ? OptionalLong.of(1234) : null);

    assertThat(new AuditMirroringStore(lagging, mirrored::addAll).lagMillis())
        .isEqualTo(OptionalLong.of(1234));
    assertThat(store.lagMillis()).isEmpty();
  }
}
