package io.tollgate.cli;

import static io.tollgate.cli.FakeInfluxServer.TOKEN_OBJECT;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.tollgate.cli.CliRunner.Result;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** https with a self-signed certificate made by the JDK's keytool. */
class TlsClientTest {

  @TempDir static Path dir;
  static HttpsServer server;
  static HttpsServer otherName;
  static Path caPem;
  static Path otherCaPem;
  static final List<String> paths = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    caPem = dir.resolve("ca.pem");
    server = httpsServer(certificate("server", "SAN=ip:127.0.0.1,dns:localhost", caPem));
    otherCaPem = dir.resolve("other-ca.pem");
    otherName = httpsServer(certificate("other", "SAN=dns:other.invalid", otherCaPem));
  }

  /** A self-signed EC certificate for {@code san}, its PEM written to {@code pem}. */
  private static SSLContext certificate(String alias, String san, Path pem) throws Exception {
    Path keystore = dir.resolve(alias + ".p12");
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    run(
        keytool,
        "-genkeypair",
        "-alias",
        alias,
        "-keyalg",
        "EC",
        "-groupname",
        "secp256r1",
        "-dname",
        "CN=" + alias,
        "-ext",
        san,
        "-validity",
        "2",
        "-storetype",
        "PKCS12",
        "-keystore",
        keystore.toString(),
        "-storepass",
        "changeit");
    run(
        keytool,
        "-exportcert",
        "-rfc",
        "-alias",
        alias,
        "-keystore",
        keystore.toString(),
        "-storepass",
        "changeit",
        "-file",
        pem.toString());

    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      store.load(in, "changeit".toCharArray());
    }
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(store, "changeit".toCharArray());
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keys.getKeyManagers(), null, null);
    return context;
  }

  private static HttpsServer httpsServer(SSLContext context) throws Exception {
    HttpsServer https =
        HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    https.setHttpsConfigurator(new HttpsConfigurator(context));
    https.createContext(
        "/",
        exchange -> {
          paths.add(exchange.getRequestURI().getPath());
          byte[] body = TOKEN_OBJECT.getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(201, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    https.start();
    return https;
  }

  private static void run(String... command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
  }

  @AfterAll
  static void stop() {
    server.stop(0);
    otherName.stop(0);
  }

  private String url(String host) {
    return "https://" + host + ":" + server.getAddress().getPort();
  }

  @Test
  void untrustedCertificate_failsWithExit1NamingTheUrl() {
    Result result = new CliRunner(dir).run("create", "token", "--admin", "-H", url("127.0.0.1"));

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err())
        .startsWith("error: TLS handshake with " + url("127.0.0.1") + " failed");
  }

  @Test
  void tlsCa_trustsTheGivenCertificate() {
    Result result =
        new CliRunner(dir)
            .run(
                "create", "token", "--admin", "-H", url("127.0.0.1"), "--tls-ca", caPem.toString());

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).contains("New token created successfully!");
  }

  @Test
  void tlsNoVerify_acceptsAnUntrustedCertificate_alsoFromItsVariable() {
    Result flag =
        new CliRunner(dir)
            .run("create", "token", "--admin", "-H", url("127.0.0.1"), "--tls-no-verify");
    Result variable =
        new CliRunner(dir)
            .env("TOLLGATE_TLS_NO_VERIFY", "true")
            .run("create", "token", "--admin", "-H", url("127.0.0.1"));

    assertThat(flag.exitCode()).as(flag.err()).isZero();
    assertThat(variable.exitCode()).as(variable.err()).isZero();
  }

  @Test
  void influxdb3TlsVariables_reachTheClient() {
    Result ca =
        new CliRunner(dir)
            .env("INFLUXDB3_TLS_CA", caPem.toString())
            .run("create", "token", "--admin", "-H", url("127.0.0.1"));
    Result noVerify =
        new CliRunner(dir)
            .env("INFLUXDB3_TLS_NO_VERIFY", "true")
            .run("create", "token", "--admin", "-H", url("127.0.0.1"));

    assertThat(ca.exitCode()).as(ca.err()).isZero();
    assertThat(noVerify.exitCode()).as(noVerify.err()).isZero();
  }

  @Test
  void tollgateTlsCaVariable_winsOverInfluxdb3s() {
    Result result =
        new CliRunner(dir)
            .env("TOLLGATE_TLS_CA", dir.resolve("missing.pem").toString())
            .env("INFLUXDB3_TLS_CA", caPem.toString())
            .run("create", "token", "--admin", "-H", url("127.0.0.1"));

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("missing.pem");
  }

  @Test
  void tlsCa_unreadableFileIsReportedWithoutARequest() {
    int before = paths.size();
    Result result =
        new CliRunner(dir)
            .run(
                "create",
                "token",
                "--admin",
                "-H",
                url("127.0.0.1"),
                "--tls-ca",
                dir.resolve("missing.pem").toString());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).startsWith("error: cannot read --tls-ca file");
    assertThat(paths).hasSize(before);
  }

  @Test
  void tlsCa_stillChecksTheHostName_aTrustedCertificateForAnotherNameFails() {
    int before = paths.size();
    String url = "https://127.0.0.1:" + otherName.getAddress().getPort();

    Result result =
        new CliRunner(dir)
            .run("create", "token", "--admin", "-H", url, "--tls-ca", otherCaPem.toString());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).startsWith("error: TLS handshake with " + url + " failed");
    assertThat(paths).hasSize(before);
  }

  @Test
  void tlsNoVerify_skipsTheHostNameCheckToo() {
    String url = "https://127.0.0.1:" + otherName.getAddress().getPort();

    Result result =
        new CliRunner(dir).run("create", "token", "--admin", "-H", url, "--tls-no-verify");

    assertThat(result.exitCode()).as(result.err()).isZero();
  }
}
