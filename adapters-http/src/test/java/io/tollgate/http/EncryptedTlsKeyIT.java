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
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Encrypted PKCS#8 keys ({@code BEGIN ENCRYPTED PRIVATE KEY}) made by openssl in the test, RSA and
 * EC, decrypted with the password from a file or a variable; wrong, missing and unusable passwords
 * and schemes fail with one line that never holds the password.
 */
class EncryptedTlsKeyIT {
  private static final String PASSWORD = "correct horse 7f3a";

  @TempDir static Path dir;

  static Path rsaCert;
  static Path rsaKey;
  static Path ecCert;
  static Path ecKey;
  static Path passwordFile;

  @BeforeAll
  static void generate() throws Exception {
    Prerequisite.require(
        run("openssl", "version") == 0,
        "openssl is not installed (apt-get install openssl; .ci/run installs it)");
    passwordFile = Files.writeString(dir.resolve("password"), PASSWORD + "\n");
    Path plainRsa = dir.resolve("rsa-plain.pem");
    Path plainEc = dir.resolve("ec-plain.pem");
    rsaCert = dir.resolve("rsa-cert.pem");
    ecCert = dir.resolve("ec-cert.pem");
    rsaKey = dir.resolve("rsa-encrypted.pem");
    ecKey = dir.resolve("ec-encrypted.pem");
    // RSA as openssl genpkey -aes256 writes it (PBES2, PBKDF2-HMAC-SHA256, AES-256-CBC)
    openssl(
        "genpkey",
        "-algorithm",
        "RSA",
        "-pkeyopt",
        "rsa_keygen_bits:2048",
        "-aes256",
        "-pass",
        "file:" + passwordFile,
        "-out",
        rsaKey.toString());
    openssl(
        "pkey",
        "-in",
        rsaKey.toString(),
        "-passin",
        "file:" + passwordFile,
        "-out",
        plainRsa.toString());
    certificate(plainRsa, rsaCert);
    // EC as openssl pkcs8 -topk8 -v2 aes-256-cbc writes it
    openssl(
        "genpkey",
        "-algorithm",
        "EC",
        "-pkeyopt",
        "ec_paramgen_curve:P-256",
        "-out",
        plainEc.toString());
    openssl(
        "pkcs8",
        "-topk8",
        "-v2",
        "aes-256-cbc",
        "-in",
        plainEc.toString(),
        "-passout",
        "file:" + passwordFile,
        "-out",
        ecKey.toString());
    certificate(plainEc, ecCert);
  }

  private static void certificate(Path key, Path cert) throws Exception {
    openssl(
        "req",
        "-x509",
        "-key",
        key.toString(),
        "-out",
        cert.toString(),
        "-days",
        "2",
        "-subj",
        "/CN=127.0.0.1",
        "-addext",
        "subjectAltName=IP:127.0.0.1");
  }

  private static void openssl(String... arguments) throws Exception {
    List<String> command = new ArrayList<>(List.of("openssl"));
    command.addAll(List.of(arguments));
    assertThat(run(command.toArray(new String[0]))).as(String.join(" ", command)).isZero();
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

  private static TollgateHttpServer server(Path cert, Path key, TlsFiles.KeyPassword password) {
    HttpServerConfig config = Harness.localConfig().tls(cert, key).tlsKeyPassword(password).build();
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

  /**
   * The status of /ping (401: no token) over a connection trusting only {@code cert}; -1 if the
   * handshake fails.
   */
  private static int ping(Path cert, TollgateHttpServer server) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    try (InputStream in = Files.newInputStream(cert)) {
      trust.setCertificateEntry(
          "ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, factory.getTrustManagers(), null);
    try {
      return HttpClient.newBuilder()
          .sslContext(context)
          .build()
          .send(
              HttpRequest.newBuilder(URI.create(server.uri() + "/ping")).build(),
              HttpResponse.BodyHandlers.ofString())
          .statusCode();
    } catch (SSLHandshakeException e) {
      return -1;
    } catch (IOException e) {
      if (e.getCause() instanceof SSLHandshakeException) {
        return -1;
      }
      throw e;
    }
  }

  @Test
  void encryptedRsaAndEcKeys_areServed_withThePasswordFromAFileOrAVariable() throws Exception {
    assertThat(Files.readString(rsaKey)).contains("BEGIN ENCRYPTED PRIVATE KEY");
    assertThat(Files.readString(ecKey)).contains("BEGIN ENCRYPTED PRIVATE KEY");
    for (TlsFiles.KeyPassword password :
        List.of(
            TlsFiles.KeyPassword.file(passwordFile),
            TlsFiles.KeyPassword.of(PASSWORD, "TOLLGATE_TLS_KEY_PASSWORD"))) {
      for (Path[] pair : new Path[][] {{rsaCert, rsaKey}, {ecCert, ecKey}}) {
        TollgateHttpServer server = server(pair[0], pair[1], password).start();
        try {
          assertThat(ping(pair[0], server)).as(pair[1] + " " + password.source()).isEqualTo(401);
        } finally {
          server.stop();
        }
      }
    }
  }

  @Test
  void wrongPassword_failsAtStartupWithOneLine_withoutThePassword() throws IOException {
    Path wrong = Files.writeString(dir.resolve("wrong-password"), "not the password\n");
    for (Path key : List.of(rsaKey, ecKey)) {
      assertThatThrownBy(() -> server(rsaCert, key, TlsFiles.KeyPassword.file(wrong)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "--tls-key "
                  + key
                  + " cannot be decrypted with the password from --tls-key-password-file "
                  + wrong
                  + ": the password is wrong (or the key file is damaged)")
          .satisfies(e -> assertThat(stackText(e)).doesNotContain("not the password"));
    }
    assertThatThrownBy(
            () ->
                server(
                    ecCert,
                    ecKey,
                    TlsFiles.KeyPassword.of("guess-" + PASSWORD, "TOLLGATE_TLS_KEY_PASSWORD")))
        .hasMessageContaining("with the password from TOLLGATE_TLS_KEY_PASSWORD: the password")
        .satisfies(e -> assertThat(stackText(e)).doesNotContain(PASSWORD));
  }

  @Test
  void theConfiguration_neverShowsAGivenPassword() {
    HttpServerConfig config =
        Harness.localConfig()
            .tls(rsaCert, rsaKey)
            .tlsKeyPassword(TlsFiles.KeyPassword.of(PASSWORD, "TOLLGATE_TLS_KEY_PASSWORD"))
            .build();

    assertThat(config.toString())
        .contains("TOLLGATE_TLS_KEY_PASSWORD, redacted")
        .doesNotContain(PASSWORD);
  }

  @Test
  void encryptedKeyWithoutPassword_namesTheOptionThatGivesIt() {
    assertThatThrownBy(() -> server(rsaCert, rsaKey, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "--tls-key "
                + rsaKey
                + " is encrypted; give its password with --tls-key-password-file FILE or the"
                + " variable TOLLGATE_TLS_KEY_PASSWORD");
  }

  @Test
  void passwordFile_missingEmptyOrBinary_isOneClearLine() throws IOException {
    Path empty = Files.writeString(dir.resolve("empty-password"), "\n");
    Path binary = Files.write(dir.resolve("binary-password"), new byte[] {(byte) 0xff, 0x41});
    Path missing = dir.resolve("no-such-password");
    assertThatThrownBy(() -> server(rsaCert, rsaKey, TlsFiles.KeyPassword.file(missing)))
        .hasMessage("--tls-key-password-file " + missing + ": no such file");
    assertThatThrownBy(() -> server(rsaCert, rsaKey, TlsFiles.KeyPassword.file(empty)))
        .hasMessage(
            "--tls-key-password-file " + empty + " is empty (the password is its first line)");
    assertThatThrownBy(() -> server(rsaCert, rsaKey, TlsFiles.KeyPassword.file(binary)))
        .hasMessage("--tls-key-password-file " + binary + " is not UTF-8 text");
    assertThatThrownBy(() -> TlsFiles.KeyPassword.of("", "TOLLGATE_TLS_KEY_PASSWORD"))
        .hasMessage("TOLLGATE_TLS_KEY_PASSWORD is empty");
  }

  @Test
  void aPasswordWithoutTls_isRefused() {
    assertThatThrownBy(
            () ->
                Harness.localConfig()
                    .tlsKeyPassword(TlsFiles.KeyPassword.file(passwordFile))
                    .build())
        .hasMessage(
            "a TLS key password (--tls-key-password-file "
                + passwordFile
                + ") was given without --tls-key");
  }

  @Test
  void schemesJavaCannotDecrypt_areNamed_andTheTraditionalFormSaysHowToConvert() throws Exception {
    Path plain = dir.resolve("scheme-plain.pem");
    openssl(
        "pkey",
        "-in",
        ecKey.toString(),
        "-passin",
        "file:" + passwordFile,
        "-out",
        plain.toString());
    Path scrypt = dir.resolve("scrypt.pem");
    openssl(
        "pkcs8",
        "-topk8",
        "-scrypt",
        "-in",
        plain.toString(),
        "-passout",
        "file:" + passwordFile,
        "-out",
        scrypt.toString());
    Path traditional = dir.resolve("traditional.pem");
    openssl(
        "ec",
        "-in",
        plain.toString(),
        "-aes256",
        "-passout",
        "file:" + passwordFile,
        "-out",
        traditional.toString());
    TlsFiles.KeyPassword password = TlsFiles.KeyPassword.file(passwordFile);

    assertThatThrownBy(() -> server(ecCert, scrypt, password))
        .hasMessage(
            "--tls-key "
                + scrypt
                + " is encrypted with PBES2 (scrypt, aes-256-cbc), which Java "
                + Runtime.version().feature()
                + " cannot decrypt; re-encrypt it with: openssl pkcs8 -topk8 -v2 aes-256-cbc -in"
                + " KEY -out key.pem");
    assertThat(Files.readString(traditional)).contains("Proc-Type: 4,ENCRYPTED");
    assertThatThrownBy(() -> server(ecCert, traditional, password))
        .hasMessage(
            "--tls-key "
                + traditional
                + " is encrypted in OpenSSL's traditional form (Proc-Type: 4,ENCRYPTED), which"
                + " Java cannot decrypt; convert it to encrypted PKCS#8 with: openssl pkcs8"
                + " -topk8 -v2 aes-256-cbc -in KEY -out key.pem");
  }

  @Test
  void reload_readsTheNewEncryptedKeyWithTheNewPassword_andAWrongOneKeepsThePrevious()
      throws Exception {
    Path cert = dir.resolve("live-cert.pem");
    Path key = dir.resolve("live-key.pem");
    Path password = dir.resolve("live-password");
    Files.copy(rsaCert, cert, StandardCopyOption.REPLACE_EXISTING);
    Files.copy(rsaKey, key, StandardCopyOption.REPLACE_EXISTING);
    Files.copy(passwordFile, password, StandardCopyOption.REPLACE_EXISTING);
    TollgateHttpServer server = server(cert, key, TlsFiles.KeyPassword.file(password)).start();
    try {
      assertThat(ping(rsaCert, server)).isEqualTo(401);

      // the EC pair, encrypted with another password, replaces it
      Path ecAgain = dir.resolve("ec-other-password.pem");
      Path otherPassword = Files.writeString(dir.resolve("other-password"), "second one\n");
      openssl(
          "pkcs8",
          "-topk8",
          "-v2",
          "aes-256-cbc",
          "-in",
          ecKey.toString(),
          "-passin",
          "file:" + passwordFile,
          "-passout",
          "file:" + otherPassword,
          "-out",
          ecAgain.toString());
      Files.copy(ecCert, cert, StandardCopyOption.REPLACE_EXISTING);
      Files.copy(ecAgain, key, StandardCopyOption.REPLACE_EXISTING);
      assertThat(server.reloadTls()).as("the old password does not open the new key").isFalse();
      assertThat(ping(rsaCert, server)).isEqualTo(401);

      Files.copy(otherPassword, password, StandardCopyOption.REPLACE_EXISTING);
      assertThat(server.reloadTls()).isTrue();
      assertThat(ping(ecCert, server)).isEqualTo(401);
      assertThat(ping(rsaCert, server)).isEqualTo(-1);
    } finally {
      server.stop();
    }
  }

  private static String stackText(Throwable e) {
    StringBuilder text = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      text.append(t).append('\n');
    }
    return text.toString();
  }
}
