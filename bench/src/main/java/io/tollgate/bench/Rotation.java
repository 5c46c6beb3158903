package io.tollgate.bench;

import java.util.List;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Which operation an {@code interleaved} benchmark runs in the current iteration: the SHA-512
 * baseline, then a valid token, then an unknown one, then the baseline again. Each ratio to SHA-512
 * then compares iterations a second or two apart in one fork, so a fork on a slower or busier CPU,
 * or a minute of load from elsewhere, moves both sides of it. {@link
 * io.tollgate.bench.tools.AuthenticateRows} runs a multiple of {@link #OPERATIONS}' size of warm-up
 * iterations, so measurement iteration {@code i} ran {@code OPERATIONS.get(i % 3)}.
 */
@State(Scope.Thread)
public class Rotation {

  /** In the order the iterations run them; the names of the separate benchmarks. */
  public static final List<String> OPERATIONS =
      List.of("sha512Baseline", "authenticateValid", "authenticateUnknown");

  private int iterations;
  int current;

  @Setup(Level.Iteration)
  public void next() {
    current = iterations++ % OPERATIONS.size();
  }
}
