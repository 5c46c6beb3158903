package io.tollgate.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tollgate.core.crypto.SecureRandomSecretGenerator;
import io.tollgate.core.crypto.Sha512TokenHasher;
import io.tollgate.core.memory.InMemoryTokenStore;
import io.tollgate.core.service.TokenService;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTPS from PEM files made by openssl in the test (skipped where openssl is missing). */
class TlsIT {
  @TempDir static Path dir;

  static Path rsaCert;
  static Path rsaKey;
  static Path ecCert;
  static Path ecKey;
  static Path pkcs1Key;

  @BeforeAll
  static void generate() throws Exception {
    assumeTrue(run("openssl", "version") == 0, "openssl is not installed");
    rsaCert = dir.resolve("rsa-cert.pem");
    rsaKey = dir.resolve("rsa-key.pem");
    ecCert = dir.resolve("ec-cert.pem");
    ecKey = dir.resolve("ec-key.pem");
    pkcs1Key = dir.resolve("rsa-pkcs1.pem");
    assertThat(
            run(
                "openssl",
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-keyout",
                rsaKey.toString(),
                "-out",
                rsaCert.toString(),
                "-days",
                "2",
                "-subj",
                "/CN=127.0.0.1",
                "-addext",
                "subjectAltName=IP:127.0.0.1"))
        .isZero();
    assertThat(
            run(
                "openssl",
                "req",
                "-x509",
                "-newkey",
                "ec",
                "-pkeyopt",
                "ec_paramgen_curve:P-256",
                "-nodes",
                "-keyout",
                ecKey.toString(),
                "-out",
                ecCert.toString(),
                "-days",
                "2",
                "-subj",
                "/CN=127.0.0.1",
                "-addext",
                "subjectAltName=IP:127.0.0.1"))
        .isZero();
    run("openssl", "rsa", "-in", rsaKey.toString(), "-traditional", "-out", pkcs1Key.toString());
  }

  private static int run(String... command) throws IOException, InterruptedException {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      process.getInputStream().readAllBytes();
      return process.waitFor(60, TimeUnit.SECONDS) ? process.exitValue() : -1;
    } catch (IOException e) {
      return -1;
    }
  }

  private static TollgateHttpServer server(Path cert, Path key) {
    HttpServerConfig config = Harness.localConfig().tls(cert, key).build();
    return TollgateHttpServer.create(
        config,
        new TokenService(
            new InMemoryTokenStore(),
            new Sha512TokenHasher(),
            new SecureRandomSecretGenerator(),
            Clock.systemUTC()),
        new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
        null,
        Duration.ZERO);
  }

  private static HttpClient trusting(Path cert) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    try (InputStream in = new FileInputStream(cert.toFile())) {
      trust.setCertificateEntry(
          "ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, factory.getTrustManagers(), null);
    return HttpClient.newBuilder().sslContext(context).build();
  }

  @Test
  void tls_servesTheTokenApiOverHttps_withRsaAndEcKeys() throws Exception {
    for (Path[] pair : new Path[][] {{rsaCert, rsaKey}, {ecCert, ecKey}}) {
      TollgateHttpServer server = server(pair[0], pair[1]).start();
      try {
        assertThat(server.uri().toString()).startsWith("https://127.0.0.1:");
        HttpResponse<String> response =
            trusting(pair[0])
                .send(
                    HttpRequest.newBuilder(
                            URI.create(server.uri() + "/api/v3/configure/token/admin"))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                    HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.body()).startsWith("{\"id\":0,\"name\":\"_admin\",\"token\":\"apiv3_");
      } finally {
        server.stop();
      }
    }
  }

  @Test
  void tls_mismatchedPair_failsAtStartupWithAClearMessage() {
    assertThatThrownBy(() -> server(rsaCert, ecKey))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("does not belong to the certificate in --tls-cert");
  }

  @Test
  void tls_missingFileOrHalfAPair_failsWithAClearMessage() {
    assertThatThrownBy(() -> server(dir.resolve("nope.pem"), rsaKey))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("--tls-cert file not found: ");
    assertThatThrownBy(() -> Harness.localConfig().tls(rsaCert, null).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--tls-cert was given without --tls-key");
    assertThatThrownBy(() -> Harness.localConfig().tls(null, rsaKey).build())
        .hasMessage("--tls-key was given without --tls-cert");
  }

  @Test
  void tls_traditionalKeyForm_isRejectedWithAConversionHint() throws IOException {
    assumeTrue(Files.exists(pkcs1Key) && Files.readString(pkcs1Key).contains("RSA PRIVATE KEY"));
    assertThatThrownBy(() -> server(rsaCert, pkcs1Key))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("openssl pkcs8 -topk8 -nocrypt");
  }
}
