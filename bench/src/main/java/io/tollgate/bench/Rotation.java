package io.tollgate.bench;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Whose turn it is in an {@code interleaved} benchmark: a class with one names its operations in a
 * {@code public static final List<String> TURNS}, the baseline first, and runs {@code
 * TURNS.get(rotation.turn(TURNS.size()))} in each iteration. Each ratio to the baseline then
 * compares iterations a second or two apart in one fork, so a fork on a slower or busier CPU, or a
 * minute of load from elsewhere, moves both sides of it. {@link
 * io.tollgate.bench.tools.AuthenticateRows} runs as many warm-up iterations as there are turns, so
 * measurement iteration {@code i} ran {@code TURNS.get(i % TURNS.size())}.
 */
@State(Scope.Thread)
public class Rotation {

  private int next;
  private int current;

  @Setup(Level.Iteration)
  public void next() {
    current = next++;
  }

  /** The index, below {@code turns}, of the operation this iteration runs. */
  int turn(int turns) {
    return current % turns;
  }
}
