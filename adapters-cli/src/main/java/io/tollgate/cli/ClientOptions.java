package io.tollgate.cli;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The options every remote command shares: where the server is and how to authenticate. */
final class ClientOptions {

  static final String DEFAULT_HOST = "http://127.0.0.1:8181";

  @Spec(Spec.Target.MIXEE)
  CommandSpec mixee;

  @Env({"TOLLGATE_HOST_URL", "INFLUXDB3_HOST_URL"})
  @Option(
      names = {"-H", "--host"},
      paramLabel = "URL",
      defaultValue = DEFAULT_HOST,
      converter = Converters.HostUrl.class,
      description = "URL of the Tollgate server (default: " + DEFAULT_HOST + ").")
  URI host;

  @Env({"TOLLGATE_AUTH_TOKEN", "INFLUXDB3_AUTH_TOKEN"})
  @Option(
      names = "--token",
      paramLabel = "TOKEN",
      showDefaultValue = picocli.CommandLine.Help.Visibility.NEVER,
      description =
          "Admin token sent as 'Authorization: Bearer' (prefer the variable: arguments are"
              + " visible in ps).")
  String token;

  @Env({"TOLLGATE_TLS_CA", "INFLUXDB3_TLS_CA"})
  @Option(
      names = "--tls-ca",
      paramLabel = "PATH",
      description = "PEM file of CA certificates to trust for https.")
  Path tlsCa;

  @Env({"TOLLGATE_TLS_NO_VERIFY", "INFLUXDB3_TLS_NO_VERIFY"})
  @Option(
      names = "--tls-no-verify",
      description = "Do not verify the server's certificate or host name (testing only).")
  boolean tlsNoVerify;

  /** The validated settings; a malformed token is a usage error that never echoes the token. */
  ClientSettings settings() {
    Optional<String> bearer = Optional.ofNullable(token).filter(t -> !t.isEmpty());
    if (bearer.isPresent() && !bearer.get().chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
      throw new ParameterException(
          mixee.commandLine(), "--token must be printable ASCII without spaces (value not shown)");
    }
    return new ClientSettings(host, bearer, Optional.ofNullable(tlsCa), tlsNoVerify);
  }
}
