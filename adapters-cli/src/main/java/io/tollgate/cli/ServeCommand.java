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
          + " database in --data-dir, or by a PostgreSQL database several nodes share (--store).",
      "An option not on the command line is read from the environment variables listed"
          + " under it, the first one set winning (TOLLGATE_* before the INFLUXDB3_* names"
          + " influxdb3 reads)."
    },
    sortOptions = false,
    footerHeading = "%nExamples:%n",
    footer = {
      "  tollgate serve",
      "  tollgate serve --http-bind 0.0.0.0:8181 --tls-cert cert.pem --tls-key key.pem",
      "  tollgate serve --admin-token-recovery-http-bind   # recovery on 127.0.0.1:8182",
      "  tollgate serve --store postgresql://tollgate@db.example:5432/tollgate --http-bind"
          + " 0.0.0.0:8181",
      "  TOLLGATE_DATA_DIR=/var/lib/tollgate tollgate serve --disable-authz health,ping"
    })
final class ServeCommand implements Callable<Integer> {

  private final CliContext context;

  @Spec CommandSpec spec;

  @Mixin HelpOption help;

  @Env({"TOLLGATE_HTTP_BIND", "INFLUXDB3_HTTP_BIND_ADDR"})
  @Option(
      names = "--http-bind",
      paramLabel = "ADDR",
      defaultValue = "127.0.0.1:8181",
      converter = Converters.Bind.class,
      description = "Address to listen on, HOST:PORT (default: ${DEFAULT-VALUE}).")
  BindAddress httpBind;

  @Env({"TOLLGATE_DATA_DIR", "INFLUXDB3_DB_DIR"})
  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description = "Data directory; the database is DIR/tollgate.db (default: ~/.tollgate).")
  String dataDir;

  @Env({"TOLLGATE_STORE"})
  @Option(
      names = "--store",
      paramLabel = "URL",
      converter = Converters.StoreUrls.class,
      description =
          "Keep the tokens in a PostgreSQL database that several nodes share:"
              + " postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE or jdbc:postgresql:… (default:"
              + " SQLite in --data-dir).")
  StoreUrl store;

  @Env({"TOLLGATE_MAX_STALENESS"})
  @Option(
      names = "--max-staleness",
      paramLabel = "DURATION",
      defaultValue = "10s",
      converter = Converters.Staleness.class,
      description =
          "With --store: how long this node may go without confirming it has every change of the"
              + " other nodes before token checks answer 503 (default: ${DEFAULT-VALUE}).")
  Duration maxStaleness;

  @Env({"TOLLGATE_LAST_USED_INTERVAL"})
  @Option(
      names = "--last-used-interval",
      paramLabel = "DURATION",
      defaultValue = "60s",
      converter = Converters.LastUsedIntervals.class,
      description =
          "How often each token's last use is written to the store, in one batch; a crash loses"
              + " at most this much of it. At least 1s, or off to stop tracking last use"
              + " (default: ${DEFAULT-VALUE}).")
  Duration lastUsedInterval;

  @Env({"TOLLGATE_WITHOUT_AUTH", "INFLUXDB3_START_WITHOUT_AUTH"})
  @Option(
      names = "--without-auth",
      description = "Serve without authentication; the token endpoints are disabled.")
  boolean withoutAuth;

  @Env({"TOLLGATE_DISABLE_AUTHZ", "INFLUXDB3_DISABLE_AUTHZ"})
  @Option(
      names = "--disable-authz",
      converter = Converters.ExemptEndpoints.class,
      paramLabel = "ENDPOINT",
      split = ",",
      description = "Comma-separated endpoints that need no token: ${COMPLETION-CANDIDATES}.")
  List<ExemptEndpoint> disableAuthz;

  @Env({"TOLLGATE_ADMIN_TOKEN_RECOVERY_HTTP_BIND", "INFLUXDB3_ADMIN_TOKEN_RECOVERY_HTTP_BIND_ADDR"})
  @Option(
      names = "--admin-token-recovery-http-bind",
      paramLabel = "ADDR",
      arity = "0..1",
      fallbackValue = "127.0.0.1:8182",
      converter = Converters.Bind.class,
      description =
          "Open an unauthenticated listener that serves only operator-token regeneration and"
              + " closes after one use (flag alone: ${FALLBACK-VALUE}).")
  BindAddress adminTokenRecoveryHttpBind;

  @Env({"TOLLGATE_ADMIN_TOKEN_FILE", "INFLUXDB3_ADMIN_TOKEN_FILE"})
  @Option(
      names = "--admin-token-file",
      paramLabel = "FILE",
      description =
          "Import a token file written by 'tollgate create token --admin --offline' at startup.")
  String adminTokenFile;

  @Mixin ServeTlsOptions tls;

  @Env({"TOLLGATE_LOG_LEVEL", "INFLUXDB3_LOG_FILTER", "LOG_FILTER"})
  @Option(
      names = "--log-level",
      converter = Converters.LogLevels.class,
      paramLabel = "LEVEL",
      defaultValue = "info",
      description =
          "Log level: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}); an influxdb3 filter"
              + " directive such as info,iox_query=warn sets the level it starts with.")
  LogLevel logLevel;

  @Env({"TOLLGATE_LOG_FORMAT"})
  @Option(
      names = "--log-format",
      converter = Converters.LogFormats.class,
      paramLabel = "FORMAT",
      defaultValue = "text",
      description =
          "Log lines as ${COMPLETION-CANDIDATES}: json writes one JSON object per line (default:"
              + " ${DEFAULT-VALUE}).")
  LogFormat logFormat;

  @Env({"TOLLGATE_ACCESS_LOG"})
  @Option(
      names = "--access-log",
      description =
          "Log one line per request: client address, method, path (never the query), status,"
              + " duration in ms, token id, X-Request-Id.")
  boolean accessLog;

  @Env({"TOLLGATE_SHUTDOWN_GRACE"})
  @Option(
      names = "--shutdown-grace",
      paramLabel = "DURATION",
      defaultValue = "10s",
      converter = Durations.ExactConverter.class,
      description =
          "On SIGTERM or SIGINT, stop accepting and let requests in flight finish for up to this"
              + " long, e.g. 10s, 500ms, 1min (default: ${DEFAULT-VALUE}).")
  Duration shutdownGrace;

  @Env({"TOLLGATE_CORS_ALLOW_ORIGIN"})
  @Option(
      names = "--cors-allow-origin",
      paramLabel = "ORIGIN",
      split = ",",
      converter = Converters.CorsOrigin.class,
      description =
          "Allow cross-origin requests from this origin (scheme://host[:port]); repeatable; * allows"
              + " every origin. Off by default: no CORS headers, and the unauthenticated"
              + " endpoints that issue a secret refuse cross-site requests; the variables take a comma-separated list.")
  List<String> corsAllowOrigins;

  @Env({"TOLLGATE_PERMISSION_TOKENS_FILE"})
  @Option(
      names = "--permission-tokens-file",
      paramLabel = "FILE",
      description =
          "Import the resource tokens of a file written by 'tollgate create token --permission …"
              + " --offline' (InfluxDB 3 Enterprise's format) at startup, once: a token deleted"
              + " since stays deleted.")
  String permissionTokensFile;

  @Option(
      names = "--resource-type",
      paramLabel = "NAME=ACTION,ACTION",
      converter = Converters.ResourceTypeDeclaration.class,
      description =
          "Declare a resource type beside db and system, with its actions, e.g."
              + " orders=read,write; tokens may then hold orders:NAMES:ACTIONS; repeatable.")
  List<ResourceType> resourceTypes;

  @Env({"TOLLGATE_WITHOUT_CONSOLE"})
  @Option(names = "--without-console", description = "Do not serve the web console at /console/.")
  boolean withoutConsole;

  @Env({"TOLLGATE_AUTHZ_RULES"})
  @Option(
      names = "--authz-rules",
      paramLabel = "FILE",
      description =
          "Forward authentication (/api/authz/*): a JSON list of rules {\"method\"?, \"host\"?,"
              + " \"path\": \"/orders/**\", \"require\": [PERMISSION...]} or {\"path\": ...,"
              + " \"anonymous\": true}; the first that matches a request says what it needs."
              + " Checked at start.")
  String authzRules;

  @Env({"TOLLGATE_TRUSTED_PROXIES"})
  @Option(
      names = "--trusted-proxies",
      paramLabel = "CIDR",
      defaultValue = ServeOptions.DEFAULT_TRUSTED_PROXIES,
      description =
          "Comma-separated addresses or CIDR blocks of proxies whose X-Forwarded-For names the"
              + " client address (default: ${DEFAULT-VALUE}; empty: none).")
  String trustedProxies;

  @Env({"TOLLGATE_AUTH_FAILURE_LIMIT"})
  @Option(
      names = "--auth-failure-limit",
      paramLabel = "N/WINDOW",
      defaultValue = "20/1m",
      converter = Converters.FailureLimits.class,
      description =
          "More than N failed authentications from one client address within WINDOW (s, m or h)"
              + " get 429 with Retry-After until the window has passed; 0 turns this off"
              + " (default: ${DEFAULT-VALUE}).")
  FailureLimit authFailureLimit;

  @Env({"TOLLGATE_AUDIT_LOG"})
  @Option(
      names = "--audit-log",
      paramLabel = "FILE",
      description =
          "Also append every audit entry to FILE as one JSON line (created with mode 0600, a"
              + " symbolic link refused, reopened on SIGHUP for logrotate).")
  String auditLog;

  @Env({"TOLLGATE_AUDIT_RETENTION"})
  @Option(
      names = "--audit-retention",
      paramLabel = "DURATION",
      description =
          "Prune audit entries older than DURATION (such as 90d) in the background, at start and"
              + " hourly (default: keep forever).")
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
    Path home = context.env().userHome();
    Path dir = dataDir == null ? home.resolve(".tollgate") : Converters.expandHome(dataDir, home);
    ServeOptions.Builder options = tls.applyTo(ServeOptions.builder(httpBind, dir), context.env());
    return options
        .withoutAuth(withoutAuth)
        .disableAuthz(
            disableAuthz == null || disableAuthz.isEmpty()
                ? EnumSet.noneOf(ExemptEndpoint.class)
                : EnumSet.copyOf(disableAuthz))
        .adminTokenRecoveryHttpBind(Optional.ofNullable(adminTokenRecoveryHttpBind))
        .adminTokenFile(
            Optional.ofNullable(adminTokenFile).map(f -> Converters.expandHome(f, home)))
        .logLevel(logLevel)
        .corsAllowOrigins(corsAllowOrigins == null ? List.of() : corsAllowOrigins)
        .permissionTokensFile(
            Optional.ofNullable(permissionTokensFile).map(f -> Converters.expandHome(f, home)))
        .resourceTypes(declaredResourceTypes())
        .withoutConsole(withoutConsole)
        .authzRules(Optional.ofNullable(authzRules).map(f -> Converters.expandHome(f, home)))
        .trustedProxies(trustedProxies)
        .authFailureLimit(authFailureLimit)
        .logFormat(logFormat)
        .accessLog(accessLog)
        .shutdownGrace(shutdownGrace)
        .auditLog(Optional.ofNullable(auditLog).map(f -> Converters.expandHome(f, home)))
        .auditRetention(Optional.ofNullable(auditRetention).map(this::retention))
        .store(Optional.ofNullable(store))
        .maxStaleness(maxStaleness)
        .lastUsedInterval(lastUsedInterval)
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
