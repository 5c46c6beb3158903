package io.tollgate.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tollgate.core.crypto.SecureRandomSecretGenerator;
import io.tollgate.core.crypto.Sha512TokenHasher;
import io.tollgate.core.memory.InMemoryTokenStore;
import io.tollgate.core.service.TokenService;
import io.tollgate.core.testing.Prerequisite;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTPS from PEM files made by openssl in the test (which must be installed: see {@link
 * Prerequisite}).
 */
class TlsIT {
  @TempDir static Path dir;

  static Path rsaCert;
  static Path rsaKey;
  static Path ecCert;
  static Path ecKey;
  static Path pkcs1Key;
  static Path sec1Key;
  static Path ecparamCert;
  static Path ecparamKey;

  @BeforeAll
  static void generate() throws Exception {
    Prerequisite.require(
        run("openssl", "version") == 0,
        "openssl is not installed (apt-get install openssl; .ci/run installs it)");
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
    assertThat(
            run(
                "openssl",
                "rsa",
                "-in",
                rsaKey.toString(),
                "-traditional",
                "-out",
                pkcs1Key.toString()))
        .isZero();
    sec1Key = dir.resolve("ec-sec1.pem");
    assertThat(run("openssl", "ec", "-in", ecKey.toString(), "-out", sec1Key.toString())).isZero();
    // ecparam -genkey writes an EC PARAMETERS block before the SEC1 key
    ecparamKey = dir.resolve("ecparam-key.pem");
    ecparamCert = dir.resolve("ecparam-cert.pem");
    assertThat(
            run(
                "openssl",
                "ecparam",
                "-name",
                "secp384r1",
                "-genkey",
                "-out",
                ecparamKey.toString()))
        .isZero();
    assertThat(
            run(
                "openssl",
                "req",
                "-x509",
                "-key",
                ecparamKey.toString(),
                "-out",
                ecparamCert.toString(),
                "-days",
                "2",
                "-subj",
                "/CN=127.0.0.1",
                "-addext",
                "subjectAltName=IP:127.0.0.1"))
        .isZero();
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
    return HttpClient.newBuilder().sslContext(trustingContext(cert)).build();
  }

  private static SSLContext trustingContext(Path cert) throws Exception {
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
    return context;
  }

  /**
   * As over plain HTTP ({@link LingeringCloseTest}): an answer given before a body the server does
   * not read ends the connection with TLS's close_notify, and the body that still arrives (TLS
   * records now) is read and dropped, never answered with a reset.
   */
  @Test
  void tls_aBodyStillArrivingAfterTheAnswer_isReadAndDropped_notReset() throws Exception {
    TollgateHttpServer server = server(rsaCert, rsaKey).start();
    try (SSLSocket socket =
        (SSLSocket)
            trustingContext(rsaCert)
                .getSocketFactory()
                .createSocket("127.0.0.1", server.uri().getPort())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST "
                  + ForwardAuth.FORWARD_AUTH
                  + " HTTP/1.1\r\nHost: t\r\nContent-Length: 70000\r\n\r\n")
              .getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      String answer =
          new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
      assertThat(RawHttp.statuses(answer)).containsExactly(401);
      assertThat(RawHttp.firstHead(answer)).contains("connection: close");

      out.write(new byte[70_000]);
      out.flush();
      Thread.sleep(4 * LingeringConnector.POLL_MILLIS);
      out.write(new byte[1024]);
      out.flush();
      Thread.sleep(4 * LingeringConnector.POLL_MILLIS);
      out.write(new byte[1024]);
      out.flush();
      assertThat(server.lingeringConnections()).isEqualTo(1);
    } finally {
      server.stop();
    }
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
  void tls_servesWithTheTraditionalKeyForms_pkcs1AndSec1_withOrWithoutEcParameters()
      throws Exception {
    assertThat(Files.readString(pkcs1Key)).contains("BEGIN RSA PRIVATE KEY");
    assertThat(Files.readString(sec1Key)).contains("BEGIN EC PRIVATE KEY");
    assertThat(Files.readString(ecparamKey)).contains("BEGIN EC PARAMETERS");
    for (Path[] pair :
        new Path[][] {{rsaCert, pkcs1Key}, {ecCert, sec1Key}, {ecparamCert, ecparamKey}}) {
      TollgateHttpServer server = server(pair[0], pair[1]).start();
      try {
        assertThat(createOperator(trusting(pair[0]), server).statusCode())
            .as(pair[1].toString())
            .isEqualTo(201);
      } finally {
        server.stop();
      }
    }
  }

  private static HttpResponse<String> createOperator(HttpClient client, TollgateHttpServer server)
      throws IOException, InterruptedException {
    return client.send(
        HttpRequest.newBuilder(URI.create(server.uri() + "/api/v3/configure/token/admin"))
            .POST(HttpRequest.BodyPublishers.noBody())
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> ping(HttpClient client, TollgateHttpServer server)
      throws IOException, InterruptedException {
    return client.send(
        HttpRequest.newBuilder(URI.create(server.uri() + "/ping")).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** True once a client trusting only {@code cert} completes a handshake with the server. */
  private static boolean trustsOnly(Path cert, TollgateHttpServer server) throws Exception {
    try {
      ping(trusting(cert), server);
      return true;
    } catch (javax.net.ssl.SSLHandshakeException e) {
      return false;
    } catch (IOException e) {
      if (e.getCause() instanceof javax.net.ssl.SSLHandshakeException) {
        return false;
      }
      throw e;
    }
  }

  @Test
  void tls_replacedFiles_areServedWithoutARestart_andABrokenReplacementKeepsThePrevious()
      throws Exception {
    Path cert = dir.resolve("live-cert.pem");
    Path key = dir.resolve("live-key.pem");
    Files.copy(rsaCert, cert, StandardCopyOption.REPLACE_EXISTING);
    Files.copy(rsaKey, key, StandardCopyOption.REPLACE_EXISTING);
    TollgateHttpServer server = server(cert, key).start();
    try {
      assertThat(trustsOnly(rsaCert, server)).isTrue();
      assertThat(trustsOnly(ecCert, server)).isFalse();

      // the certificate replaced first, its key a moment later: the half-done pair is not loaded
      Files.copy(ecCert, cert, StandardCopyOption.REPLACE_EXISTING);
      Thread.sleep(TlsReloader.POLL_INTERVAL.toMillis() + 1_000);
      assertThat(trustsOnly(rsaCert, server)).isTrue();
      Files.copy(sec1Key, key, StandardCopyOption.REPLACE_EXISTING);
      long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
      while (!trustsOnly(ecCert, server) && System.nanoTime() < deadline) {
        Thread.sleep(200);
      }
      assertThat(trustsOnly(ecCert, server)).isTrue();
      assertThat(trustsOnly(rsaCert, server)).isFalse();

      // and at once on request (SIGHUP in the packaged server)
      Files.copy(rsaCert, cert, StandardCopyOption.REPLACE_EXISTING);
      Files.copy(rsaKey, key, StandardCopyOption.REPLACE_EXISTING);
      assertThat(server.reloadTls()).isTrue();
      assertThat(trustsOnly(rsaCert, server)).isTrue();
    } finally {
      server.stop();
    }
  }
}
