package io.tollgate.bench;

import io.tollgate.core.crypto.SecureRandomSecretGenerator;
import io.tollgate.core.crypto.Sha512TokenHasher;
import io.tollgate.core.memory.InMemoryTokenStore;
import io.tollgate.core.service.TokenService;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Authentication against the in-memory index, next to its baseline: one bare SHA-512 of the same
 * 92-character token string, measured in the same run.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx2g"})
@State(Scope.Benchmark)
public class AuthenticateBenchmark extends AuthenticateTurns {

  @Param({"10", "10000", "1000000"})
  int storedTokens;

  @Setup(Level.Trial)
  public void setUp() throws NoSuchAlgorithmException {
    InMemoryTokenStore store = new InMemoryTokenStore();
    Sha512TokenHasher hasher = new Sha512TokenHasher();
    SecureRandomSecretGenerator generator = new SecureRandomSecretGenerator();
    String validToken = SeededTokens.seed(store, hasher, generator, storedTokens);
    measure(
        new TokenService(store, hasher, generator, Clock.systemUTC()),
        validToken,
        generator.generate().value());
  }
}
