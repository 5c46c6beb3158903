package io.tollgate.bench.tools;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long a revocation on one node takes to be refused on another (SPEC §11). Creates WARMUP +
 * COUNT named admin tokens on node A, waits until node B accepts each of them on {@code GET /ping},
 * then for each: {@code DELETE} on A, and from A's 200 polls B with that token (one client,
 * keep-alive, no pause) until B answers 401. The first WARMUP revocations are not counted (JIT of
 * both nodes and of this client). Writes one latency a line (ms) to SAMPLES and prints {@code
 * RESULT p50 p99 max n} in ms, {@code POLL p50 p99 max n} for the round trips of the single
 * requests to B (when those are slow, the machine is, not the propagation), and {@code OTHER 503
 * count} when B failed closed while polling. Any other answer stops the run: node B must not
 * throttle the client ({@code --auth-failure-limit 0}).
 *
 * <p>Usage: {@code RevocationLatency NODE_A_URL NODE_B_URL OPERATOR_TOKEN WARMUP COUNT SAMPLES}
 */
public final class RevocationLatency {

  private static final Pattern TOKEN = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"");
  private static final long GIVE_UP_NANOS = Duration.ofSeconds(10).toNanos();

  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final String nodeA;
  private final String nodeB;
  private final String operatorToken;
  private final Map<Integer, Integer> otherStatuses = new TreeMap<>();
  private final List<Double> pollMillis = new ArrayList<>();
  private boolean counting;

  private RevocationLatency(String nodeA, String nodeB, String operatorToken) {
    this.nodeA = nodeA;
    this.nodeB = nodeB;
    this.operatorToken = operatorToken;
  }

  public static void main(String[] args) throws Exception {
    RevocationLatency bench = new RevocationLatency(args[0], args[1], args[2]);
    int warmup = Integer.parseInt(args[3]);
    int count = Integer.parseInt(args[4]);
    double[] millis = bench.run(warmup, count);
    List<String> lines = new ArrayList<>();
    for (double m : millis) {
      lines.add(String.format("%.3f", m));
    }
    Files.write(Path.of(args[5]), lines);
    Arrays.sort(millis);
    System.out.printf(
        "RESULT %.2f %.2f %.2f %d%n",
        percentile(millis, 0.50), percentile(millis, 0.99), millis[millis.length - 1], count);
    double[] polls = bench.pollMillis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    System.out.printf(
        "POLL %.2f %.2f %.2f %d%n",
        percentile(polls, 0.50), percentile(polls, 0.99), polls[polls.length - 1], polls.length);
    bench.otherStatuses.forEach((status, n) -> System.out.println("OTHER " + status + " " + n));
  }

  private double[] run(int warmup, int count) throws IOException, InterruptedException {
    String prefix = "bench-revoke-" + Long.toString(System.nanoTime(), 36) + "-";
    int total = warmup + count;
    String[] secrets = new String[total];
    for (int i = 0; i < total; i++) {
      secrets[i] = create(prefix + i);
    }
    for (int i = 0; i < total; i++) {
      long deadline = System.nanoTime() + GIVE_UP_NANOS;
      while (pingB(secrets[i]) != 200) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("node B never accepted token " + prefix + i);
        }
      }
    }
    double[] millis = new double[count];
    for (int i = 0; i < total; i++) {
      counting = i >= warmup;
      delete(prefix + i);
      long deleted = System.nanoTime();
      long deadline = deleted + GIVE_UP_NANOS;
      while (true) {
        int status = pingB(secrets[i]);
        if (status == 401) {
          break;
        }
        if (status == 503) {
          otherStatuses.merge(status, 1, Integer::sum); // failed closed: still not accepted
        } else if (status != 200) {
          throw new IllegalStateException(
              "node B answered "
                  + status
                  + " for token "
                  + prefix
                  + i
                  + " (throttled? run it"
                  + " with --auth-failure-limit 0)");
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "node B still accepts token " + prefix + i + " after 10 s");
        }
      }
      if (counting) {
        millis[i - warmup] = (System.nanoTime() - deleted) / 1e6;
      }
    }
    return millis;
  }

  private String create(String name) throws IOException, InterruptedException {
    HttpResponse<String> response =
        client.send(
            HttpRequest.newBuilder(URI.create(nodeA + "/api/v3/configure/token/named_admin"))
                .header("Authorization", "Bearer " + operatorToken)
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"token_name\": \"" + name + "\", \"expiry_secs\": null}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    Matcher token = TOKEN.matcher(response.body());
    if (response.statusCode() != 201 || !token.find()) {
      throw new IllegalStateException("creating " + name + " on node A: " + response.statusCode());
    }
    return token.group(1);
  }

  private void delete(String name) throws IOException, InterruptedException {
    HttpResponse<Void> response =
        client.send(
            HttpRequest.newBuilder(URI.create(nodeA + "/api/v3/configure/token?token_name=" + name))
                .header("Authorization", "Bearer " + operatorToken)
                .DELETE()
                .build(),
            HttpResponse.BodyHandlers.discarding());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("deleting " + name + " on node A: " + response.statusCode());
    }
  }

  private int pingB(String secret) throws IOException, InterruptedException {
    long sent = System.nanoTime();
    int status =
        client
            .send(
                HttpRequest.newBuilder(URI.create(nodeB + "/ping"))
                    .header("Authorization", "Bearer " + secret)
                    .GET()
                    .build(),
                HttpResponse.BodyHandlers.discarding())
            .statusCode();
    if (counting) {
      pollMillis.add((System.nanoTime() - sent) / 1e6);
    }
    return status;
  }

  /** The nearest-rank percentile of sorted values. */
  static double percentile(double[] sorted, double p) {
    int rank = (int) Math.ceil(p * sorted.length);
    return sorted[Math.max(0, rank - 1)];
  }
}
