package io.tollgate.cli;

import io.tollgate.core.domain.ResourceType;
import io.tollgate.core.domain.TollgateException;
import io.tollgate.core.domain.failure.FailureLimit;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
    name = "serve",
    description = {
      "Run the Tollgate server: the InfluxDB 3 token API on --http-bind, backed by a SQLite"
          + " database in --data-dir.",
      "Every option can also be set by the environment variable named after it."
    },
    sortOptions = false,
    footerHeading = "%nExamples:%n",
    footer = {
      "  tollgate serve",
      "  tollgate serve --http-bind 0.0.0.0:8181 --tls-cert cert.pem --tls-key key.pem",
      "  tollgate serve --admin-token-recovery-http-bind   # recovery on 127.0.0.1:8182",
      "  TOLLGATE_DATA_DIR=/var/lib/tollgate tollgate serve --disable-authz health,ping"
    })
final class ServeCommand implements Callable<Integer> {

  private final CliContext context;

  @Spec CommandSpec spec;

  @Mixin HelpOption help;

  @Option(
      names = "--http-bind",
      paramLabel = "ADDR",
      defaultValue = "127.0.0.1:8181",
      converter = Converters.Bind.class,
      description =
          "Address to listen on, HOST:PORT (default: ${DEFAULT-VALUE}; env:"
              + " TOLLGATE_HTTP_BIND).")
  BindAddress httpBind;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description =
          "Data directory; the database is DIR/tollgate.db (default: ~/.tollgate; env:"
              + " TOLLGATE_DATA_DIR).")
  String dataDir;

  @Option(
      names = "--without-auth",
      description =
          "Serve without authentication; the token endpoints are disabled (env:"
              + " TOLLGATE_WITHOUT_AUTH).")
  boolean withoutAuth;

  @Option(
      names = "--disable-authz",
      converter = Converters.ExemptEndpoints.class,
      paramLabel = "ENDPOINT",
      split = ",",
      description =
          "Comma-separated endpoints that need no token: ${COMPLETION-CANDIDATES} (env:"
              + " TOLLGATE_DISABLE_AUTHZ).")
  List<ExemptEndpoint> disableAuthz;

  @Option(
      names = "--admin-token-recovery-http-bind",
      paramLabel = "ADDR",
      arity = "0..1",
      fallbackValue = "127.0.0.1:8182",
      converter = Converters.Bind.class,
      description =
          "Open an unauthenticated listener that serves only operator-token regeneration and"
              + " closes after one use (flag alone: ${FALLBACK-VALUE}; env:"
              + " TOLLGATE_ADMIN_TOKEN_RECOVERY_HTTP_BIND).")
  BindAddress adminTokenRecoveryHttpBind;

  @Option(
      names = "--admin-token-file",
      paramLabel = "FILE",
      description =
          "Import a token file written by 'tollgate create token --admin --offline' at startup"
              + " (env: TOLLGATE_ADMIN_TOKEN_FILE).")
  String adminTokenFile;

  @Option(
      names = "--tls-cert",
      paramLabel = "FILE",
      description = "PEM certificate chain; serve https (env: TOLLGATE_TLS_CERT).")
  String tlsCert;

  @Option(
      names = "--tls-key",
      paramLabel = "FILE",
      description = "PEM private key for --tls-cert (env: TOLLGATE_TLS_KEY).")
  String tlsKey;

  @Option(
      names = "--log-level",
      converter = Converters.LogLevels.class,
      paramLabel = "LEVEL",
      defaultValue = "info",
      description =
          "Log level: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}; env:"
              + " TOLLGATE_LOG_LEVEL).")
  LogLevel logLevel;

  @Option(
      names = "--cors-allow-origin",
      paramLabel = "ORIGIN",
      split = ",",
      converter = Converters.CorsOrigin.class,
      description =
          "Allow cross-origin requests from this origin (scheme://host[:port]); repeatable; * allows"
              + " every origin. Off by default: no CORS headers, and the unauthenticated"
              + " endpoints that issue a secret refuse cross-site requests (env:"
              + " TOLLGATE_CORS_ALLOW_ORIGIN, comma-separated).")
  List<String> corsAllowOrigins;

  @Option(
      names = "--permission-tokens-file",
      paramLabel = "FILE",
      description =
          "Import the resource tokens of a file written by 'tollgate create token --permission …"
              + " --offline' (InfluxDB 3 Enterprise's format) at startup, once: a token deleted"
              + " since stays deleted (env: TOLLGATE_PERMISSION_TOKENS_FILE).")
  String permissionTokensFile;

  @Option(
      names = "--resource-type",
      paramLabel = "NAME=ACTION,ACTION",
      converter = Converters.ResourceTypeDeclaration.class,
      description =
          "Declare a resource type beside db and system, with its actions, e.g."
              + " orders=read,write; tokens may then hold orders:NAMES:ACTIONS; repeatable.")
  List<ResourceType> resourceTypes;

  @Option(
      names = "--without-console",
      description = "Do not serve the web console at /console/ (env: TOLLGATE_WITHOUT_CONSOLE).")
  boolean withoutConsole;

  @Option(
      names = "--authz-rules",
      paramLabel = "FILE",
      description =
          "Forward authentication (/api/authz/*): a JSON list of rules {\"method\"?, \"host\"?,"
              + " \"path\": \"/orders/**\", \"require\": [PERMISSION...]} or {\"path\": ...,"
              + " \"anonymous\": true}; the first that matches a request says what it needs."
              + " Checked at start (env: TOLLGATE_AUTHZ_RULES).")
  String authzRules;

  @Option(
      names = "--trusted-proxies",
      paramLabel = "CIDR",
      defaultValue = ServeOptions.DEFAULT_TRUSTED_PROXIES,
      description =
          "Comma-separated addresses or CIDR blocks of proxies whose X-Forwarded-For names the"
              + " client address (default: ${DEFAULT-VALUE}; empty: none; env:"
              + " TOLLGATE_TRUSTED_PROXIES).")
  String trustedProxies;

  @Option(
      names = "--auth-failure-limit",
      paramLabel = "N/WINDOW",
      defaultValue = "20/1m",
      converter = Converters.FailureLimits.class,
      description =
          "More than N failed authentications from one client address within WINDOW (s, m or h)"
              + " get 429 with Retry-After until the window has passed; 0 turns this off"
              + " (default: ${DEFAULT-VALUE}; env: TOLLGATE_AUTH_FAILURE_LIMIT).")
  FailureLimit authFailureLimit;

  @Option(
      names = "--audit-log",
      paramLabel = "FILE",
      description =
          "Also append every audit entry to FILE as one JSON line (created with mode 0600, a"
              + " symbolic link refused, reopened on SIGHUP for logrotate; env:"
              + " TOLLGATE_AUDIT_LOG).")
  String auditLog;

  @Option(
      names = "--audit-retention",
      paramLabel = "DURATION",
      description =
          "Prune audit entries older than DURATION (such as 90d) in the background, at start and"
              + " hourly (default: keep forever; env: TOLLGATE_AUDIT_RETENTION).")
  String auditRetention;

  ServeCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws InterruptedException {
    ServeOptions options = options();
    try (RunningServer server = start(options)) {
      server.awaitShutdown();
    }
    return 0;
  }

  /**
   * Starts the server; a failure becomes one line, whatever the exception's message looks like (the
   * launcher logs the stack trace at debug level).
   */
  private RunningServer start(ServeOptions options) {
    try {
      return context.launcher().start(options);
    } catch (RuntimeException e) {
      String message = e.getMessage() == null ? "" : e.getMessage().strip();
      // a domain error, or a launcher's verdict on an input such as a token file: the message
      // alone, written for the operator
      String line =
          e instanceof TollgateException || e instanceof IllegalArgumentException
              ? message
              : e.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
      throw new CliFailure(line.replaceAll("\\s*\\R\\s*", " "), null, e);
    }
  }

  ServeOptions options() {
    if ((tlsCert == null) != (tlsKey == null)) {
      throw new ParameterException(
          spec.commandLine(), "--tls-cert and --tls-key must be given together");
    }
    Path home = context.env().userHome();
    Path dir = dataDir == null ? home.resolve(".tollgate") : Converters.expandHome(dataDir, home);
    return ServeOptions.builder(httpBind, dir)
        .withoutAuth(withoutAuth)
        .disableAuthz(
            disableAuthz == null || disableAuthz.isEmpty()
                ? EnumSet.noneOf(ExemptEndpoint.class)
                : EnumSet.copyOf(disableAuthz))
        .adminTokenRecoveryHttpBind(Optional.ofNullable(adminTokenRecoveryHttpBind))
        .adminTokenFile(
            Optional.ofNullable(adminTokenFile).map(f -> Converters.expandHome(f, home)))
        .tls(
            Optional.ofNullable(tlsCert).map(f -> Converters.expandHome(f, home)),
            Optional.ofNullable(tlsKey).map(f -> Converters.expandHome(f, home)))
        .logLevel(logLevel)
        .corsAllowOrigins(corsAllowOrigins == null ? List.of() : corsAllowOrigins)
        .permissionTokensFile(
            Optional.ofNullable(permissionTokensFile).map(f -> Converters.expandHome(f, home)))
        .resourceTypes(declaredResourceTypes())
        .withoutConsole(withoutConsole)
        .authzRules(Optional.ofNullable(authzRules).map(f -> Converters.expandHome(f, home)))
        .trustedProxies(trustedProxies)
        .authFailureLimit(authFailureLimit)
        .auditLog(Optional.ofNullable(auditLog).map(f -> Converters.expandHome(f, home)))
        .auditRetention(Optional.ofNullable(auditRetention).map(this::retention))
        .build();
  }

  private Duration retention(String text) {
    try {
      Duration retention = Durations.parse(text);
      if (retention.isZero() || retention.isNegative()) {
        throw new IllegalArgumentException("zero");
      }
      return retention;
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw new ParameterException(
          spec.commandLine(),
          "--audit-retention '"
              + TerminalText.printable(text)
              + "' is not a duration longer than zero such as 90d, 12w or 1y");
    }
  }

  /** The declared types, each name once. */
  private List<ResourceType> declaredResourceTypes() {
    if (resourceTypes == null) {
      return List.of();
    }
    Set<String> names = new HashSet<>();
    for (ResourceType type : resourceTypes) {
      if (!names.add(type.name())) {
        throw new ParameterException(
            spec.commandLine(), "--resource-type " + type.name() + " is declared twice");
      }
    }
    return resourceTypes;
  }
}
