package io.tollgate.http;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tollgate.core.crypto.SecureRandomSecretGenerator;
import io.tollgate.core.crypto.Sha512TokenHasher;
import io.tollgate.core.memory.InMemoryTokenStore;
import io.tollgate.core.port.out.SecretGenerator;
import io.tollgate.core.service.RecoveryCodeService;
import io.tollgate.core.service.TokenService;
import io.tollgate.core.testing.FastRecoveryCodeHasher;
import io.tollgate.core.testing.MutableClock;
import io.tollgate.core.testing.ScriptedStore;
import io.tollgate.core.testing.TestTokens;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A real server on a free port over the real token service with an in-memory store, a clock the
 * test moves and (by default) deterministic secrets; plus a small HTTP client.
 */
final class Harness implements AutoCloseable {
  final MutableClock clock;
  final TestAuthority authority;
  final RecoveryCodeService recoveryCodes;

  /** The store, whose freshness a test may switch off. */
  final ScriptedStore store = new ScriptedStore(new InMemoryTokenStore());

  final TollgateHttpServer server;
  final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final HttpClient client;

  private Harness(Clock clock, SecretGenerator secrets, HttpServerConfig config) {
    this.clock = clock instanceof MutableClock mutable ? mutable : null;
    TokenService tokens = new TokenService(store, new Sha512TokenHasher(), secrets, clock);
    this.authority = new TestAuthority(tokens);
    this.recoveryCodes =
        new RecoveryCodeService(
            tokens, store, new FastRecoveryCodeHasher(), new SecureRandom(), clock);
    this.server =
        TollgateHttpServer.create(
            config, authority, registry, recoveryCodes, Duration.ZERO, clock, store.auditLog());
    this.client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  static HttpServerConfig.Builder localConfig() {
    return HttpServerConfig.builder().bind("127.0.0.1:0").version("3.0.0-test", "abc123");
  }

  /** Deterministic secrets and a clock standing at {@link TestTokens#T0}. */
  static Harness start() {
    return start(UnaryOperator.identity());
  }

  static Harness start(UnaryOperator<HttpServerConfig.Builder> configure) {
    Harness harness =
        new Harness(
            new MutableClock(TestTokens.T0),
            new FixedSecrets(),
            configure.apply(localConfig()).build());
    harness.server.start();
    return harness;
  }

  /** Real secrets and the system clock. */
  static Harness startReal(UnaryOperator<HttpServerConfig.Builder> configure) {
    Harness harness =
        new Harness(
            Clock.systemUTC(),
            new SecureRandomSecretGenerator(),
            configure.apply(localConfig()).build());
    harness.server.start();
    return harness;
  }

  URI uri(String pathAndQuery) {
    return URI.create(server.uri() + pathAndQuery);
  }

  Reply send(String method, String pathAndQuery, String body, String... headers) {
    return sendTo(server.uri().toString(), method, pathAndQuery, body, headers);
  }

  Reply sendTo(String base, String method, String pathAndQuery, String body, String... headers) {
    return sendTo(base, method, pathAndQuery, body, false, headers);
  }

  /**
   * A POST with {@code Expect: 100-continue}: the body goes out only if the server asks for it, so
   * an answer given without reading it cannot race the body's arrival.
   */
  Reply postExpectingContinue(String path, String body, String... headers) {
    return sendTo(server.uri().toString(), "POST", path, body, true, headers);
  }

  private Reply sendTo(
      String base,
      String method,
      String pathAndQuery,
      String body,
      boolean expectContinue,
      String... headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + pathAndQuery))
            .timeout(Duration.ofSeconds(10))
            .expectContinue(expectContinue)
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (headers.length > 0) {
      request.headers(headers);
    }
    try {
      HttpResponse<byte[]> response =
          client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      return new Reply(
          response.statusCode(),
          response.headers().map(),
          new String(response.body(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  Reply get(String path, String... headers) {
    return send("GET", path, null, headers);
  }

  Reply post(String path, String body, String... headers) {
    return send("POST", path, body, headers);
  }

  Reply delete(String path, String... headers) {
    return send("DELETE", path, null, headers);
  }

  static String[] bearer(String token) {
    return new String[] {"Authorization", "Bearer " + token};
  }

  static String[] bearerJson(String token) {
    return new String[] {"Authorization", "Bearer " + token, "Content-Type", "application/json"};
  }

  /** Creates the operator token over HTTP and returns its string. */
  String createOperator() {
    Reply reply = post("/api/v3/configure/token/admin", null);
    if (reply.status() != 201) {
      throw new IllegalStateException("operator token not created: " + reply);
    }
    return reply.field("token");
  }

  @Override
  public void close() {
    server.stop();
    registry.close();
  }

  /** A response: status, headers (lower-case names), body. */
  record Reply(int status, Map<String, List<String>> headers, String body) {
    String header(String name) {
      List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
      return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** A top-level string field of a JSON object body. */
    String field(String name) {
      try {
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(body).get(name).asText();
      } catch (IOException e) {
        throw new IllegalStateException("not JSON: " + body, e);
      }
    }
  }
}
