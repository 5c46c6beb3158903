package io.tollgate.bench.tools;

import io.tollgate.bench.AuthenticateBenchmark;
import io.tollgate.bench.Rotation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
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
 *
 * <p>A class with {@code TURNS} runs only its {@code interleaved} benchmark, its operations taking
 * turns by iteration ({@link Rotation}); each operation gets {@code ITERATIONS} measurement
 * iterations per round all the same. It then also prints, per operation other than the baseline
 * (the first turn), a {@code RATIO} line: the median, min and max over every turn of the
 * operation's score divided by the baseline's score of the same turn, which ran just before it in
 * the same fork.
 */
public final class AuthenticateRows {

  private AuthenticateRows() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    int iterations = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 1;
    String benchmarkClass =
        args.length > 3 ? "io.tollgate.bench." + args[3] : AuthenticateBenchmark.class.getName();
    List<String> operations = turnsOf(benchmarkClass);
    boolean interleave = !operations.isEmpty();
    int turns = interleave ? operations.size() : 1;
    Map<String, List<Double>> scores = new TreeMap<>();
    Map<String, List<Double>> ratios = new TreeMap<>();
    for (int round = 0; round < rounds; round++) {
      Options options =
          new OptionsBuilder()
              .include(benchmarkClass + (interleave ? "\\.interleaved$" : "\\."))
              .warmupIterations(interleave ? turns : 2)
              .warmupTime(TimeValue.seconds(seconds))
              .measurementIterations(iterations * turns)
              .measurementTime(TimeValue.seconds(seconds))
              .forks(1)
              .build();
      for (RunResult result : new Runner(options).run()) {
        String benchmark = result.getParams().getBenchmark();
        String name = benchmark.substring(benchmark.lastIndexOf('.') + 1);
        String size = " " + result.getParams().getParam("storedTokens");
        for (BenchmarkResult benchmarkResult : result.getBenchmarkResults()) {
          List<Double> values =
              benchmarkResult.getIterationResults().stream()
                  .map(IterationResult::getPrimaryResult)
                  .map(Result::getScore)
                  .toList();
          if (interleave) {
            collectTurns(operations, values, size, scores, ratios);
          } else {
            scores.computeIfAbsent(name + size, k -> new ArrayList<>()).addAll(values);
          }
        }
      }
    }
    print("RESULT %s %.2f %.2f %.2f%n", scores);
    print("RATIO %s %.4f %.4f %.4f%n", ratios);
  }

  /** Splits an interleaved run's iterations by operation, and divides each turn by its baseline. */
  static void collectTurns(
      List<String> operations,
      List<Double> values,
      String size,
      Map<String, List<Double>> scores,
      Map<String, List<Double>> ratios) {
    int turns = operations.size();
    for (int i = 0; i < values.size(); i++) {
      String operation = operations.get(i % turns);
      scores.computeIfAbsent(operation + size, k -> new ArrayList<>()).add(values.get(i));
      if (i % turns != 0) {
        double baseline = values.get(i - i % turns);
        ratios
            .computeIfAbsent(operation + size, k -> new ArrayList<>())
            .add(values.get(i) / baseline);
      }
    }
  }

  private static void print(String format, Map<String, List<Double>> values) {
    values.forEach(
        (key, list) -> {
          double[] sorted = list.stream().mapToDouble(Double::doubleValue).sorted().toArray();
          System.out.printf(format, key, median(sorted), sorted[0], sorted[sorted.length - 1]);
        });
  }

  /** The class's {@code TURNS} ({@link Rotation}), or an empty list when it has none. */
  @SuppressWarnings("unchecked")
  static List<String> turnsOf(String benchmarkClass) throws ReflectiveOperationException {
    try {
      return (List<String>) Class.forName(benchmarkClass).getField("TURNS").get(null);
    } catch (NoSuchFieldException none) {
      return List.of();
    }
  }

  static double median(double[] sorted) {
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
}
