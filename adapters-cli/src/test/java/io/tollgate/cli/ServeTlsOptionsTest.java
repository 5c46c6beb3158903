package io.tollgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.cli.CliRunner.Result;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve}'s password for an encrypted {@code --tls-key}: from {@code --tls-key-password-file}
 * or {@code TOLLGATE_TLS_KEY_PASSWORD}, once, only with a key, never from the command line and
 * never in any output.
 */
class ServeTlsOptionsTest {
  private static final String PASSWORD = "pw-5e1f-never-shown";

  @TempDir Path home;

  private ServeOptions serve(CliRunner cli, String... args) {
    String[] all = new String[args.length + 1];
    all[0] = "serve";
    System.arraycopy(args, 0, all, 1, args.length);
    Result result = cli.run(all);
    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(cli.launched()).hasSize(1);
    return cli.launched().get(0);
  }

  private static final String[] TLS = {"--tls-cert", "/etc/cert.pem", "--tls-key", "/etc/key.pem"};

  private static String[] tlsAnd(String... more) {
    String[] all = new String[TLS.length + more.length];
    System.arraycopy(TLS, 0, all, 0, TLS.length);
    System.arraycopy(more, 0, all, TLS.length, more.length);
    return all;
  }

  @Test
  void noPassword_byDefault() {
    assertThat(serve(new CliRunner(home), TLS).tlsKeyPassword()).isEmpty();
  }

  @Test
  void passwordFile_reachesTheLauncher_withTheHomeExpanded() {
    ServeOptions options =
        serve(new CliRunner(home), tlsAnd("--tls-key-password-file", "~/tls/password"));

    assertThat(options.tlsKeyPassword())
        .contains(new TlsKeyPassword.File(home.resolve("tls/password")));
  }

  @Test
  void passwordVariable_reachesTheLauncher_andNoOutputShowsIt() {
    CliRunner cli = new CliRunner(home).env("TOLLGATE_TLS_KEY_PASSWORD", PASSWORD);

    ServeOptions options = serve(cli, TLS);

    assertThat(options.tlsKeyPassword()).contains(new TlsKeyPassword.Variable(PASSWORD));
    assertThat(options.toString()).contains("TOLLGATE_TLS_KEY_PASSWORD").doesNotContain(PASSWORD);
    Result help = cli.run("serve", "--help");
    assertThat(help.out().replaceAll("\\s+", " "))
        .contains("--tls-key-password-file", "[env: TOLLGATE_TLS_KEY_PASSWORD_FILE]")
        .contains("Or set the password itself in TOLLGATE_TLS_KEY_PASSWORD;")
        .doesNotContain(PASSWORD);
  }

  @Test
  void fileAndVariableTogether_isAUsageError_withoutThePassword() {
    CliRunner cli = new CliRunner(home).env("TOLLGATE_TLS_KEY_PASSWORD", PASSWORD);

    Result result = cli.run(withServe(tlsAnd("--tls-key-password-file", "/etc/password")));

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err())
        .contains(
            "--tls-key-password-file and TOLLGATE_TLS_KEY_PASSWORD are both set; give the"
                + " password of --tls-key once")
        .doesNotContain(PASSWORD);
    assertThat(cli.launched()).isEmpty();
  }

  @Test
  void aPasswordWithoutATlsKey_isAUsageError() {
    CliRunner fromFile = new CliRunner(home);
    Result file = fromFile.run("serve", "--tls-key-password-file", "/etc/password");
    assertThat(file.exitCode()).isEqualTo(2);
    assertThat(file.err())
        .contains(
            "--tls-key-password-file but no --tls-key is given: the password is for an encrypted"
                + " --tls-key");
    assertThat(fromFile.launched()).isEmpty();

    CliRunner fromVariable = new CliRunner(home).env("TOLLGATE_TLS_KEY_PASSWORD", PASSWORD);
    Result variable = fromVariable.run("serve");
    assertThat(variable.exitCode()).isEqualTo(2);
    assertThat(variable.err())
        .contains("TOLLGATE_TLS_KEY_PASSWORD is set but no --tls-key is given")
        .doesNotContain(PASSWORD);
    assertThat(fromVariable.launched()).isEmpty();
  }

  @Test
  void thePasswordItself_cannotBeGivenOnTheCommandLine() {
    CliRunner cli = new CliRunner(home);

    Result result = cli.run(withServe(tlsAnd("--tls-key-password", PASSWORD)));

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err())
        .contains("Unknown options: '--tls-key-password'")
        .contains("--tls-key-password-file");
    assertThat(cli.launched()).isEmpty();
  }

  @Test
  void builder_refusesAPasswordWithoutAKey() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                ServeOptions.builder(ServeOptions.DEFAULT_HTTP_BIND, home)
                    .tlsKeyPassword(Optional.of(new TlsKeyPassword.Variable(PASSWORD)))
                    .build())
        .hasMessage("a TLS key password needs --tls-key")
        .hasMessageNotContaining(PASSWORD);
  }

  private static String[] withServe(String... args) {
    String[] all = new String[args.length + 1];
    all[0] = "serve";
    System.arraycopy(args, 0, all, 1, args.length);
    return all;
  }
}
