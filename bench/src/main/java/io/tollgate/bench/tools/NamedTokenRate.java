package io.tollgate.bench.tools;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * One client creating named admin tokens back to back ({@code POST
 * /api/v3/configure/token/named_admin}, each waiting for its 201) for the given seconds after a
 * short warm-up. Prints creations per second.
 *
 * <p>Usage: {@code NamedTokenRate BASE_URL OPERATOR_TOKEN SECONDS}
 */
public final class NamedTokenRate {

  private NamedTokenRate() {}

  public static void main(String[] args) throws Exception {
    String base = args[0];
    String token = args[1];
    double seconds = Double.parseDouble(args[2]);
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    URI uri = URI.create(base + "/api/v3/configure/token/named_admin");
    String run = Long.toString(System.nanoTime(), 36);
    long warmupEnd = System.nanoTime() + 2_000_000_000L;
    int n = 0;
    while (System.nanoTime() < warmupEnd) {
      create(client, uri, token, "warm-" + run + "-" + n++);
    }
    long start = System.nanoTime();
    long deadline = start + (long) (seconds * 1e9);
    long ops = 0;
    while (System.nanoTime() < deadline) {
      create(client, uri, token, "rate-" + run + "-" + ops);
      ops++;
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    System.out.printf("%.1f%n", ops / elapsed);
  }

  private static void create(HttpClient client, URI uri, String token, String name)
      throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"token_name\": \"" + name + "\", \"expiry_secs\": null}"))
            .build();
    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 201) {
      throw new IllegalStateException(
          "creating " + name + ": HTTP " + response.statusCode() + " " + response.body());
    }
  }
}
