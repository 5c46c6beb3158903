package io.tollgate.bench;

import io.tollgate.core.crypto.SecureRandomSecretGenerator;
import io.tollgate.core.crypto.Sha512TokenHasher;
import io.tollgate.core.domain.AuthenticationResult;
import io.tollgate.core.memory.InMemoryTokenStore;
import io.tollgate.core.service.TokenService;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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
public class AuthenticateBenchmark {

  /** The operations of {@link #interleaved}, in the order they take turns; the baseline first. */
  public static final List<String> TURNS =
      List.of("sha512Baseline", "authenticateValid", "authenticateUnknown");

  @Param({"10", "10000", "1000000"})
  int storedTokens;

  private TokenService service;
  private String validToken;
  private String unknownToken;
  private MessageDigest sha512;

  @Setup(Level.Trial)
  public void setUp() throws NoSuchAlgorithmException {
    InMemoryTokenStore store = new InMemoryTokenStore();
    Sha512TokenHasher hasher = new Sha512TokenHasher();
    SecureRandomSecretGenerator generator = new SecureRandomSecretGenerator();
    validToken = SeededTokens.seed(store, hasher, generator, storedTokens);
    unknownToken = generator.generate().value();
    service = new TokenService(store, hasher, generator, Clock.systemUTC());
    sha512 = MessageDigest.getInstance("SHA-512");
    if (!service.authenticate(validToken).isAuthenticated()) {
      throw new IllegalStateException("benchmark setup is wrong: the valid token does not work");
    }
  }

  /** The baseline: a bare SHA-512 of the token string's bytes. */
  @Benchmark
  public byte[] sha512Baseline() {
    return sha512.digest(validToken.getBytes(StandardCharsets.UTF_8));
  }

  @Benchmark
  public AuthenticationResult authenticateValid() {
    return service.authenticate(validToken);
  }

  @Benchmark
  public AuthenticationResult authenticateUnknown() {
    return service.authenticate(unknownToken);
  }

  /** The operations of {@link #TURNS}, one per iteration ({@link Rotation}), all in one fork. */
  @Benchmark
  public Object interleaved(Rotation rotation) {
    return switch (rotation.turn(TURNS.size())) {
      case 0 -> sha512Baseline();
      case 1 -> authenticateValid();
      default -> authenticateUnknown();
    };
  }
}
