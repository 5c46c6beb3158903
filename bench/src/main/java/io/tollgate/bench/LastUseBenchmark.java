package io.tollgate.bench;

import io.tollgate.core.crypto.SecureRandomSecretGenerator;
import io.tollgate.core.crypto.Sha512TokenHasher;
import io.tollgate.core.domain.AuthenticationResult;
import io.tollgate.core.domain.ResourceTypes;
import io.tollgate.core.memory.InMemoryTokenStore;
import io.tollgate.core.service.TokenService;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
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
 * What last-use tracking (SPEC section 10) costs authentication: the same valid token through two
 * services over one store, one noting each use and one with tracking off, measured in the same
 * fork. The tracked one writes its token's cell once a second and allocates nothing.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx2g"})
@State(Scope.Benchmark)
public class LastUseBenchmark {

  /** The operations of {@link #interleaved}, in the order they take turns; the baseline first. */
  public static final List<String> TURNS = List.of("authenticateUntracked", "authenticateTracked");

  @Param({"10", "100000"})
  int storedTokens;

  private TokenService tracked;
  private TokenService untracked;
  private String validToken;

  @Setup(Level.Trial)
  public void setUp() {
    InMemoryTokenStore store = new InMemoryTokenStore();
    Sha512TokenHasher hasher = new Sha512TokenHasher();
    SecureRandomSecretGenerator generator = new SecureRandomSecretGenerator();
    validToken = SeededTokens.seed(store, hasher, generator, storedTokens);
    Clock clock = Clock.systemUTC();
    tracked = new TokenService(store, hasher, generator, clock, ResourceTypes.builtIn(), true);
    untracked = new TokenService(store, hasher, generator, clock, ResourceTypes.builtIn(), false);
    if (!tracked.authenticate(validToken).isAuthenticated()
        || !untracked.authenticate(validToken).isAuthenticated()) {
      throw new IllegalStateException("benchmark setup is wrong: the valid token does not work");
    }
  }

  @Benchmark
  public AuthenticationResult authenticateTracked() {
    return tracked.authenticate(validToken);
  }

  @Benchmark
  public AuthenticationResult authenticateUntracked() {
    return untracked.authenticate(validToken);
  }

  /** The operations of {@link #TURNS}, one per iteration ({@link Rotation}), all in one fork. */
  @Benchmark
  public Object interleaved(Rotation rotation) {
    return switch (rotation.turn(TURNS.size())) {
      case 0 -> authenticateUntracked();
      default -> authenticateTracked();
    };
  }
}
