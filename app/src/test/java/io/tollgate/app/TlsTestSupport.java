package io.tollgate.app;

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
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** What the packaged server's TLS tests share: running openssl, and a ping over https. */
final class TlsTestSupport {
  private TlsTestSupport() {}

  /** Runs a command to its end; its exit code, or -1 when it cannot run or takes over 60 s. */
  static int run(String... command) throws IOException, InterruptedException {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      process.getInputStream().readAllBytes();
      return process.waitFor(60, TimeUnit.SECONDS) ? process.exitValue() : -1;
    } catch (IOException e) {
      return -1;
    }
  }

  /**
   * {@code GET /health/live} over https trusting only the certificate in {@code trusted}: the
   * status, or -1 when the handshake fails (the server's certificate is not the trusted one).
   */
  static int ping(Path trusted, String url) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    try (InputStream in = Files.newInputStream(trusted)) {
      trust.setCertificateEntry(
          "ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, factory.getTrustManagers(), null);
    HttpClient client = HttpClient.newBuilder().sslContext(context).build();
    try {
      return client
          .send(
              HttpRequest.newBuilder(URI.create(url + "/health/live")).build(),
              HttpResponse.BodyHandlers.ofString())
          .statusCode();
    } catch (IOException e) {
      return -1; // the handshake failed: the server's certificate is not the trusted one
    }
  }
}
