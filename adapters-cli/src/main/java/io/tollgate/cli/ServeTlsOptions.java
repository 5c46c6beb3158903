package io.tollgate.cli;

import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code serve}'s TLS options: the certificate, its key and the key's password, checked together (a
 * certificate needs its key, a password needs an encrypted key to be for).
 */
final class ServeTlsOptions {

  @Spec(Spec.Target.MIXEE)
  CommandSpec mixee;

  @Env({"TOLLGATE_TLS_CERT", "INFLUXDB3_TLS_CERT"})
  @Option(
      names = "--tls-cert",
      paramLabel = "FILE",
      description = "PEM certificate chain; serve https.")
  String tlsCert;

  @Env({"TOLLGATE_TLS_KEY", "INFLUXDB3_TLS_KEY"})
  @Option(
      names = "--tls-key",
      paramLabel = "FILE",
      description = "PEM private key for --tls-cert; encrypted PKCS#8 needs its password.")
  String tlsKey;

  @Env({"TOLLGATE_TLS_KEY_PASSWORD_FILE"})
  @Option(
      names = "--tls-key-password-file",
      paramLabel = "FILE",
      description =
          "The password of an encrypted --tls-key (BEGIN ENCRYPTED PRIVATE KEY): the file's first"
              + " line (keep it chmod 600). Or set the password itself in "
              + TlsKeyPassword.VARIABLE
              + "; never on the command line.")
  String tlsKeyPasswordFile;

  /** Sets the TLS part of {@code options}, or refuses an incomplete or contradictory set. */
  ServeOptions.Builder applyTo(ServeOptions.Builder options, CliEnvironment env) {
    if ((tlsCert == null) != (tlsKey == null)) {
      throw new ParameterException(
          mixee.commandLine(), "--tls-cert and --tls-key must be given together");
    }
    Path home = env.userHome();
    return options
        .tls(
            Optional.ofNullable(tlsCert).map(f -> Converters.expandHome(f, home)),
            Optional.ofNullable(tlsKey).map(f -> Converters.expandHome(f, home)))
        .tlsKeyPassword(keyPassword(env));
  }

  /** {@code --tls-key-password-file} or {@code TOLLGATE_TLS_KEY_PASSWORD}: one, and with a key. */
  private Optional<TlsKeyPassword> keyPassword(CliEnvironment env) {
    Optional<String> variable = env.variable(TlsKeyPassword.VARIABLE);
    if (variable.isPresent() && tlsKeyPasswordFile != null) {
      throw new ParameterException(
          mixee.commandLine(),
          "--tls-key-password-file and "
              + TlsKeyPassword.VARIABLE
              + " are both set; give the password of --tls-key once");
    }
    Optional<TlsKeyPassword> password =
        variable.isPresent()
            ? Optional.of(new TlsKeyPassword.Variable(variable.get()))
            : Optional.ofNullable(tlsKeyPasswordFile)
                .map(f -> new TlsKeyPassword.File(Converters.expandHome(f, env.userHome())));
    if (password.isPresent() && tlsKey == null) {
      throw new ParameterException(
          mixee.commandLine(),
          (variable.isPresent() ? TlsKeyPassword.VARIABLE + " is set" : "--tls-key-password-file")
              + " but no --tls-key is given: the password is for an encrypted --tls-key");
    }
    return password;
  }
}
