package io.tollgate.bench;

import io.tollgate.core.crypto.SecureRandomSecretGenerator;
import io.tollgate.core.crypto.Sha512TokenHasher;
import io.tollgate.core.domain.AuthenticationResult;
import io.tollgate.core.domain.AuthorizationResult;
import io.tollgate.core.domain.Expiry;
import io.tollgate.core.domain.NewToken;
import io.tollgate.core.domain.Permission;
import io.tollgate.core.domain.Permissions;
import io.tollgate.core.domain.TokenName;
import io.tollgate.core.domain.TokenSecret;
import io.tollgate.core.memory.InMemoryTokenStore;
import io.tollgate.core.service.TokenService;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
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
 * Issue 13's budget: {@code authorize} of a valid resource token for a permitted action, next to
 * {@code authenticate} of the same token in the same run (at most 1.2 times), flat from 10 to
 * 1,000,000 stored tokens. Every stored token is a resource token; half the stores' tokens hold one
 * permission set and half another, as a store read back by the SQLite adapter shares them.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx2g"})
@State(Scope.Benchmark)
public class AuthorizeBenchmark {

  /** The operations of {@link #interleaved}, in the order they take turns; the baseline first. */
  public static final List<String> TURNS =
      List.of("authenticateResourceToken", "authorizePermitted");

  private static final Permission PING = Permission.required("system", "ping", "read");
  private static final Permission WRITE = Permission.required("db", "metrics", "write");
  private static final Permission HEALTH = Permission.required("system", "health", "read");

  @Param({"10", "1000000"})
  int storedTokens;

  private TokenService service;
  private String validToken;

  @Setup(Level.Trial)
  public void setUp() {
    InMemoryTokenStore store = new InMemoryTokenStore();
    Sha512TokenHasher hasher = new Sha512TokenHasher();
    SecureRandomSecretGenerator generator = new SecureRandomSecretGenerator();
    Instant now = Instant.parse("2026-01-01T00:00:00Z");
    Permissions dashboard =
        Permissions.parse("db:metrics,logs:read,write db:*:read system:ping,metrics:read");
    Permissions other = Permissions.parse("db:orders:write system:health:read");
    SplittableRandom pick = new SplittableRandom(42);
    int chosen = pick.nextInt(storedTokens);
    for (int i = 0; i < storedTokens; i++) {
      TokenSecret secret = generator.generate();
      store
          .tokens()
          .insert(
              new NewToken(
                  TokenName.of("token-" + i),
                  hasher.hash(secret.value()),
                  now,
                  null,
                  Expiry.NEVER,
                  null,
                  i == chosen || i % 2 == 0 ? dashboard : other));
      if (i == chosen) {
        validToken = secret.value();
      }
    }
    service = new TokenService(store, hasher, generator, Clock.systemUTC());
    if (!service.authorize(validToken, PING).isAllowed()
        || !service.authorize(validToken, WRITE).isAllowed()
        || service.authorize(validToken, HEALTH).isAllowed()) {
      throw new IllegalStateException("benchmark setup is wrong: the token's permissions differ");
    }
  }

  /** The baseline of the ratio: authentication of the same resource token. */
  @Benchmark
  public AuthenticationResult authenticateResourceToken() {
    return service.authenticate(validToken);
  }

  @Benchmark
  public AuthorizationResult authorizePermitted() {
    return service.authorize(validToken, PING);
  }

  /** A permission granted by name on a type the token also holds with {@code *}. */
  @Benchmark
  public AuthorizationResult authorizePermittedByName() {
    return service.authorize(validToken, WRITE);
  }

  @Benchmark
  public AuthorizationResult authorizeForbidden() {
    return service.authorize(validToken, HEALTH);
  }

  /** The operations of {@link #TURNS}, one per iteration ({@link Rotation}), all in one fork. */
  @Benchmark
  public Object interleaved(Rotation rotation) {
    return switch (rotation.turn(TURNS.size())) {
      case 0 -> authenticateResourceToken();
      default -> authorizePermitted();
    };
  }
}
