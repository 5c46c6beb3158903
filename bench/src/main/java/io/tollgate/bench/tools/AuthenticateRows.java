package io.tollgate.bench.tools;

import io.tollgate.bench.AuthenticateBenchmark;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link AuthenticateBenchmark} in rounds (every benchmark and stored-token count once per
 * round, one fork each), so that a burst of load from elsewhere on a shared machine hits one round
 * rather than one benchmark. Prints one line per benchmark and stored-token count: the median over
 * all measurement iterations of all rounds in ns/op, then min and max. Usage: {@code
 * AuthenticateRows [ROUNDS [ITERATIONS [SECONDS [BENCHMARK_CLASS]]]]}, the class by its simple name
 * in {@code io.tollgate.bench} ({@code AuthenticateBenchmark} by default).
 */
public final class AuthenticateRows {

  private AuthenticateRows() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    int iterations = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 1;
    String benchmarkClass =
        args.length > 3 ? "io.tollgate.bench." + args[3] : AuthenticateBenchmark.class.getName();
    Map<String, List<Double>> scores = new TreeMap<>();
    for (int round = 0; round < rounds; round++) {
      Options options =
          new OptionsBuilder()
              .include(benchmarkClass + "\\.")
              .warmupIterations(2)
              .warmupTime(TimeValue.seconds(seconds))
              .measurementIterations(iterations)
              .measurementTime(TimeValue.seconds(seconds))
              .forks(1)
              .build();
      for (RunResult result : new Runner(options).run()) {
        String benchmark = result.getParams().getBenchmark();
        String key =
            benchmark.substring(benchmark.lastIndexOf('.') + 1)
                + " "
                + result.getParams().getParam("storedTokens");
        for (BenchmarkResult benchmarkResult : result.getBenchmarkResults()) {
          for (IterationResult iteration : benchmarkResult.getIterationResults()) {
            scores
                .computeIfAbsent(key, k -> new ArrayList<>())
                .add(iteration.getPrimaryResult().getScore());
          }
        }
      }
    }
    scores.forEach(
        (key, values) -> {
          double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
          System.out.printf(
              "RESULT %s %.2f %.2f %.2f%n",
              key, median(sorted), sorted[0], sorted[sorted.length - 1]);
        });
  }

  static double median(double[] sorted) {
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
}
