package io.tollgate.cli;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Environment-variable fallbacks, consulted when an option is not on the command line; the first
 * variable set wins, else the option's own default applies. Boolean variables accept {@code
 * true/false}, {@code 1/0}, {@code yes/no}, {@code on/off}.
 */
final class EnvironmentDefaults implements IDefaultValueProvider {

  static final Map<String, List<String>> VARIABLES =
      Map.ofEntries(
          Map.entry("--host", List.of("TOLLGATE_HOST_URL", "INFLUXDB3_HOST_URL")),
          Map.entry("--token", List.of("TOLLGATE_AUTH_TOKEN", "INFLUXDB3_AUTH_TOKEN")),
          Map.entry("--tls-ca", List.of("TOLLGATE_TLS_CA", "INFLUXDB3_TLS_CA")),
          Map.entry("--tls-no-verify", List.of("TOLLGATE_TLS_NO_VERIFY")),
          Map.entry("--http-bind", List.of("TOLLGATE_HTTP_BIND")),
          Map.entry("--data-dir", List.of("TOLLGATE_DATA_DIR")),
          Map.entry("--without-auth", List.of("TOLLGATE_WITHOUT_AUTH")),
          Map.entry("--disable-authz", List.of("TOLLGATE_DISABLE_AUTHZ")),
          Map.entry(
              "--admin-token-recovery-http-bind",
              List.of("TOLLGATE_ADMIN_TOKEN_RECOVERY_HTTP_BIND")),
          Map.entry("--admin-token-file", List.of("TOLLGATE_ADMIN_TOKEN_FILE")),
          Map.entry("--permission-tokens-file", List.of("TOLLGATE_PERMISSION_TOKENS_FILE")),
          Map.entry("--tls-cert", List.of("TOLLGATE_TLS_CERT")),
          Map.entry("--tls-key", List.of("TOLLGATE_TLS_KEY")),
          Map.entry("--log-level", List.of("TOLLGATE_LOG_LEVEL")),
          Map.entry("--cors-allow-origin", List.of("TOLLGATE_CORS_ALLOW_ORIGIN")),
          Map.entry("--without-console", List.of("TOLLGATE_WITHOUT_CONSOLE")),
          Map.entry("--authz-rules", List.of("TOLLGATE_AUTHZ_RULES")),
          Map.entry("--trusted-proxies", List.of("TOLLGATE_TRUSTED_PROXIES")),
          Map.entry("--auth-failure-limit", List.of("TOLLGATE_AUTH_FAILURE_LIMIT")),
          Map.entry("--audit-log", List.of("TOLLGATE_AUDIT_LOG")),
          Map.entry("--audit-retention", List.of("TOLLGATE_AUDIT_RETENTION")));

  private final CliEnvironment env;

  EnvironmentDefaults(CliEnvironment env) {
    this.env = env;
  }

  @Override
  public String defaultValue(ArgSpec argSpec) {
    if (!(argSpec instanceof OptionSpec)) {
      return null;
    }
    OptionSpec option = (OptionSpec) argSpec;
    List<String> names = VARIABLES.get(option.longestName());
    if (names == null) {
      return null;
    }
    Optional<String> value = env.firstVariable(names);
    if (value.isEmpty()) {
      return null;
    }
    return isBoolean(option) ? normalizeBoolean(value.get()) : value.get();
  }

  private static boolean isBoolean(OptionSpec option) {
    Class<?> type = option.type();
    return type == boolean.class || type == Boolean.class;
  }

  private static String normalizeBoolean(String value) {
    switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "1":
      case "yes":
      case "on":
      case "true":
        return "true";
      case "0":
      case "no":
      case "off":
      case "false":
        return "false";
      default:
        return value;
    }
  }
}
