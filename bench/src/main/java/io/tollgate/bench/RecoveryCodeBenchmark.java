package io.tollgate.bench;

import io.tollgate.argon2.Argon2Hashers;
import io.tollgate.argon2.Argon2Parameters;
import io.tollgate.core.port.out.RecoveryCodeHasher;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** The cost of one recovery-code verification: Argon2id, m=19 MiB, t=2, p=1. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class RecoveryCodeBenchmark {

  private static final char[] CODE = "7K3QX4M9PBZ2RT6WAHC8DNE5F".toCharArray();

  private RecoveryCodeHasher hasher;
  private String hash;

  @Setup
  public void setUp() {
    hasher = Argon2Hashers.argon2id(Argon2Parameters.OWASP);
    hash = hasher.hash(CODE);
  }

  @Benchmark
  public boolean verifyRecoveryCode() {
    return hasher.verify(hash, CODE);
  }
}
