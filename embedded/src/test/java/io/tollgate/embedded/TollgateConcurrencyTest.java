package io.tollgate.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.core.domain.Actor;
import io.tollgate.core.domain.IssuedToken;
import io.tollgate.core.domain.Lifetime;
import io.tollgate.core.domain.Token;
import io.tollgate.core.domain.TokenName;
import io.tollgate.core.port.in.CreateNamedAdminTokenUseCase.CreateNamedAdminTokenCommand;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One instance shared by 8 threads that create, authenticate and delete at the same time. */
class TollgateConcurrencyTest {

  private static final int THREADS = 8;
  private static final int TOKENS_PER_THREAD = 25;

  /** What one thread did: the secrets it kept and the ones it deleted. */
  private record Outcome(Map<String, String> kept, Map<String, String> deleted) {}

  @Test
  void eightThreads_createAuthenticateAndDelete_withConsistentResults(@TempDir Path dir)
      throws Exception {
    try (Tollgate tollgate = Tollgate.open(dir)) {
      tollgate.createOperatorToken();
      CyclicBarrier start = new CyclicBarrier(THREADS);
      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      List<Future<Outcome>> futures = new ArrayList<>();
      try {
        for (int t = 0; t < THREADS; t++) {
          int thread = t;
          Callable<Outcome> work =
              () -> {
                start.await();
                Map<String, String> kept = new HashMap<>();
                Map<String, String> deleted = new HashMap<>();
                for (int i = 0; i < TOKENS_PER_THREAD; i++) {
                  String name = "t" + thread + "-" + i;
                  IssuedToken issued =
                      tollgate.createNamedAdminToken(
                          new CreateNamedAdminTokenCommand(
                              TokenName.named(name), Lifetime.FOREVER, null, Actor.BOOTSTRAP));
                  String secret = issued.secret().value();
                  if (!tollgate.authenticate(secret).isAuthenticated()) {
                    throw new AssertionError(name + " did not authenticate right after creation");
                  }
                  if (i % 2 == 0) {
                    tollgate.deleteToken(TokenName.named(name), Actor.token(issued.token()));
                    if (tollgate.authenticate(secret).isAuthenticated()) {
                      throw new AssertionError(name + " still authenticated after its delete");
                    }
                    deleted.put(name, secret);
                  } else {
                    kept.put(name, secret);
                  }
                }
                return new Outcome(kept, deleted);
              };
          futures.add(pool.submit(work));
        }
        Map<String, String> kept = new HashMap<>();
        Map<String, String> deleted = new HashMap<>();
        for (Future<Outcome> future : futures) {
          Outcome outcome = future.get(60, TimeUnit.SECONDS);
          kept.putAll(outcome.kept());
          deleted.putAll(outcome.deleted());
        }

        List<Token> listed = tollgate.listTokens();
        Set<String> listedNames = new HashSet<>();
        listed.forEach(token -> listedNames.add(token.name().value()));
        Set<String> expected = new HashSet<>(kept.keySet());
        expected.add(TokenName.OPERATOR.value());
        assertThat(listedNames).isEqualTo(expected);
        assertThat(listed.stream().map(Token::id).distinct().count()).isEqualTo(listed.size());
        assertThat(listed.stream().mapToLong(token -> token.id().value()).max().orElseThrow())
            .isLessThanOrEqualTo((long) THREADS * TOKENS_PER_THREAD);
        kept.values()
            .forEach(
                secret -> assertThat(tollgate.authenticate(secret).isAuthenticated()).isTrue());
        deleted
            .values()
            .forEach(
                secret -> assertThat(tollgate.authenticate(secret).isAuthenticated()).isFalse());
      } finally {
        pool.shutdownNow();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
      }
    }
  }
}
