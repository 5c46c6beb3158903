package io.tollgate.app;

import static io.tollgate.app.TlsTestSupport.ping;
import static io.tollgate.app.TlsTestSupport.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.core.testing.Prerequisite;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged server with a PKCS#1 key: SIGHUP reloads the certificate and key in place (the JVM's
 * default would end the process), and the new certificate serves new connections.
 */
class TlsReloadIT {
  @TempDir Path dir;

  /** A self-signed certificate for 127.0.0.1 and its key in the traditional PKCS#1 form. */
  private Path[] pair(String name) throws Exception {
    Path cert = dir.resolve(name + "-cert.pem");
    Path pkcs8 = dir.resolve(name + "-pkcs8.pem");
    Path key = dir.resolve(name + "-key.pem");
    assertThat(
            run(
                "openssl",
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-keyout",
                pkcs8.toString(),
                "-out",
                cert.toString(),
                "-days",
                "2",
                "-subj",
                "/CN=127.0.0.1",
                "-addext",
                "subjectAltName=IP:127.0.0.1"))
        .isZero();
    assertThat(
            run("openssl", "rsa", "-in", pkcs8.toString(), "-traditional", "-out", key.toString()))
        .isZero();
    return new Path[] {cert, key};
  }

  @Test
  void sighup_reloadsThePkcs1KeyAndCertificate_andTheServerKeepsRunning() throws Exception {
    Prerequisite.require(
        run("openssl", "version") == 0,
        "openssl is not installed (apt-get install openssl; .ci/run installs it)");
    Path[] first = pair("first");
    Path[] second = pair("second");
    Path cert = dir.resolve("cert.pem");
    Path key = dir.resolve("key.pem");
    Files.copy(first[0], cert);
    Files.copy(first[1], key);
    try (TollgateProcess.Server server =
        TollgateProcess.Server.start(
            dir.resolve("data"),
            "--tls-cert",
            cert.toString(),
            "--tls-key",
            key.toString(),
            "--disable-authz",
            "health")) {
      assertThat(server.url).startsWith("https://");
      assertThat(ping(first[0], server.url)).isEqualTo(200);

      Files.copy(second[0], cert, StandardCopyOption.REPLACE_EXISTING);
      Files.copy(second[1], key, StandardCopyOption.REPLACE_EXISTING);
      assertThat(run("kill", "-HUP", Long.toString(server.process.pid()))).isZero();
      for (int i = 0; i < 100 && !server.log().contains("TLS certificate reloaded"); i++) {
        Thread.sleep(100);
      }

      assertThat(server.log()).contains("SIGHUP received, reloading the TLS certificate");
      assertThat(server.log()).contains("TLS certificate reloaded");
      assertThat(server.process.isAlive()).isTrue();
      assertThat(ping(second[0], server.url)).isEqualTo(200);
      assertThat(ping(first[0], server.url)).isEqualTo(-1);
    }
  }
}
