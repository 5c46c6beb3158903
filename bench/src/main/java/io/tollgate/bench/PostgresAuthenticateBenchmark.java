package io.tollgate.bench;

import io.tollgate.bench.tools.SeedPostgres;
import io.tollgate.core.crypto.SecureRandomSecretGenerator;
import io.tollgate.core.crypto.Sha512TokenHasher;
import io.tollgate.core.service.TokenService;
import io.tollgate.postgres.PostgresStore;
import io.tollgate.postgres.PostgresStores;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Authentication on one node of a cluster: a {@link TokenService} on a {@link PostgresStore} (its
 * index loaded from PostgreSQL, the store's change feed listening), next to its baseline, a bare
 * SHA-512 of the same 92-character token in the same fork. The database of each size is seeded
 * beforehand by {@link SeedPostgres}; {@code BENCH_PG_URL} names it, {@code {n}} standing for the
 * stored-token count (for example {@code
 * jdbc:postgresql://127.0.0.1:5432/tollgate_{n}?user=bench}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx2g"})
@State(Scope.Benchmark)
public class PostgresAuthenticateBenchmark extends AuthenticateTurns {

  @Param({"10", "1000000"})
  int storedTokens;

  private PostgresStore store;

  @Setup(Level.Trial)
  public void setUp() throws NoSuchAlgorithmException {
    String template = System.getenv("BENCH_PG_URL");
    if (template == null || !template.contains("{n}")) {
      throw new IllegalStateException("set BENCH_PG_URL to a JDBC URL with {n} for the size");
    }
    store = PostgresStores.open(template.replace("{n}", Integer.toString(storedTokens)));
    SecureRandomSecretGenerator generator = new SecureRandomSecretGenerator();
    TokenService service =
        new TokenService(store, new Sha512TokenHasher(), generator, Clock.systemUTC());
    if (service.indexedTokenCount() != storedTokens) {
      throw new IllegalStateException(
          "the database holds " + service.indexedTokenCount() + " tokens, not " + storedTokens);
    }
    measure(
        service,
        SeedPostgres.secret(new SplittableRandom(42).nextInt(storedTokens)),
        generator.generate().value());
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    store.close();
  }
}
