package io.tollgate.app;

import static io.tollgate.app.TlsTestSupport.ping;
import static io.tollgate.app.TlsTestSupport.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.core.testing.Prerequisite;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged server with an encrypted PKCS#8 key: its password from a file (a symbolic link to it
 * is followed, as a Kubernetes secret volume has them) or from TOLLGATE_TLS_KEY_PASSWORD; SIGHUP
 * reloads an encrypted key; a password file others may read is warned of; a wrong or missing
 * password stops serve with one line; the password is never printed.
 */
class EncryptedTlsKeyServeIT {
  private static final String PASSWORD = "pw-3c9d-never-printed";

  @TempDir Path dir;

  private static void openssl(String... arguments) throws Exception {
    List<String> command = new ArrayList<>(List.of("openssl"));
    command.addAll(List.of(arguments));
    assertThat(run(command.toArray(new String[0]))).as(String.join(" ", command)).isZero();
  }

  /** A certificate for 127.0.0.1 and its EC key encrypted with the password in {@code password}. */
  private Path[] pair(String name, Path password) throws Exception {
    Path plain = dir.resolve(name + "-plain.pem");
    Path cert = dir.resolve(name + "-cert.pem");
    Path key = dir.resolve(name + "-key.pem");
    openssl(
        "genpkey",
        "-algorithm",
        "EC",
        "-pkeyopt",
        "ec_paramgen_curve:P-256",
        "-out",
        plain.toString());
    openssl(
        "req",
        "-x509",
        "-key",
        plain.toString(),
        "-out",
        cert.toString(),
        "-days",
        "2",
        "-subj",
        "/CN=127.0.0.1",
        "-addext",
        "subjectAltName=IP:127.0.0.1");
    openssl(
        "pkcs8",
        "-topk8",
        "-v2",
        "aes-256-cbc",
        "-in",
        plain.toString(),
        "-passout",
        "file:" + password,
        "-out",
        key.toString());
    return new Path[] {cert, key};
  }

  private Path secret(String name, String content, String mode) throws IOException {
    Path file = Files.writeString(dir.resolve(name), content + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
    return file;
  }

  @Test
  void passwordFileThroughASymlink_serves_andSighupReloadsAnEncryptedKeyWithItsNewPassword()
      throws Exception {
    Prerequisite.require(
        run("openssl", "version") == 0,
        "openssl is not installed (apt-get install openssl; .ci/run installs it)");
    Path first = secret("first-password", PASSWORD, "rw-------");
    Path second = secret("second-password", PASSWORD + "-2", "rw-------");
    Path[] one = pair("one", first);
    Path[] two = pair("two", second);
    Path cert = Files.copy(one[0], dir.resolve("cert.pem"));
    Path key = Files.copy(one[1], dir.resolve("key.pem"));
    Path password = Files.copy(first, dir.resolve("password-data"));
    Path link = Files.createSymbolicLink(dir.resolve("password"), password);
    try (TollgateProcess.Server server =
        TollgateProcess.Server.start(
            dir.resolve("data"),
            "--tls-cert",
            cert.toString(),
            "--tls-key",
            key.toString(),
            "--tls-key-password-file",
            link.toString(),
            "--disable-authz",
            "health",
            "--log-level",
            "debug")) {
      assertThat(ping(one[0], server.url)).isEqualTo(200);

      Files.copy(two[0], cert, StandardCopyOption.REPLACE_EXISTING);
      Files.copy(two[1], key, StandardCopyOption.REPLACE_EXISTING);
      Files.copy(second, password, StandardCopyOption.REPLACE_EXISTING);
      assertThat(run("kill", "-HUP", Long.toString(server.process.pid()))).isZero();
      for (int i = 0; i < 100 && !server.log().contains("TLS certificate reloaded"); i++) {
        Thread.sleep(100);
      }

      assertThat(server.log()).contains("TLS certificate reloaded");
      assertThat(ping(two[0], server.url)).isEqualTo(200);
      assertThat(server.log())
          .doesNotContain("readable by group or others")
          .doesNotContain(PASSWORD);
    }
  }

  @Test
  void looseOrWrongOrMissingPassword_isWarnedOrOneLine_andThePasswordIsNeverPrinted()
      throws Exception {
    Prerequisite.require(
        run("openssl", "version") == 0,
        "openssl is not installed (apt-get install openssl; .ci/run installs it)");
    Path right = secret("right", PASSWORD, "rw-------");
    Path[] pair = pair("p", right);
    Path loose = secret("loose", "wrong-" + PASSWORD, "rw-r--r--");
    String[] tls = {"--tls-cert", pair[0].toString(), "--tls-key", pair[1].toString()};
    String data = dir.resolve("data").toString();

    TollgateProcess.Result wrongFile =
        TollgateProcess.run(
            Map.of(), serve(data, tls, "--tls-key-password-file", loose.toString()));
    assertThat(wrongFile.exitCode()).isEqualTo(1);
    assertThat(wrongFile.stderr())
        .contains("TLS key password file " + loose + " is readable by group or others")
        .contains(
            "error: --tls-key "
                + pair[1]
                + " cannot be decrypted with the password from --tls-key-password-file "
                + loose
                + ": the password is wrong");
    assertThat(wrongFile.stdout() + wrongFile.stderr()).doesNotContain(PASSWORD);

    TollgateProcess.Result wrongVariable =
        TollgateProcess.run(
            Map.of("TOLLGATE_TLS_KEY_PASSWORD", "wrong-" + PASSWORD),
            serve(data, tls, "--log-level", "debug"));
    assertThat(wrongVariable.exitCode()).isEqualTo(1);
    assertThat(wrongVariable.stderr())
        .contains("with the password from TOLLGATE_TLS_KEY_PASSWORD: the password is wrong");
    assertThat(wrongVariable.stdout() + wrongVariable.stderr()).doesNotContain(PASSWORD);

    TollgateProcess.Result missing = TollgateProcess.run(Map.of(), serve(data, tls));
    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.stderr())
        .contains(
            "is encrypted; give its password with --tls-key-password-file FILE or the variable"
                + " TOLLGATE_TLS_KEY_PASSWORD");
  }

  private static String[] serve(String data, String[] tls, String... more) {
    List<String> args = new ArrayList<>(List.of("serve", "--data-dir", data, "--http-bind"));
    args.add("127.0.0.1:0");
    args.addAll(List.of(tls));
    args.addAll(List.of(more));
    return args.toArray(new String[0]);
  }
}
