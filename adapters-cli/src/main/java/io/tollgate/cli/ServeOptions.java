package io.tollgate.cli;

import io.tollgate.core.domain.ResourceType;
import io.tollgate.core.domain.ResourceTypes;
import io.tollgate.core.domain.failure.FailureLimit;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The validated options of {@code tollgate serve}, as the launcher receives them.
 *
 * @param httpBind the main listener ({@code --http-bind}, default {@code 127.0.0.1:8181})
 * @param dataDir the data directory; the database is {@code dataDir/tollgate.db}
 * @param withoutAuth {@code --without-auth}: token endpoints disabled, no authentication
 * @param disableAuthz endpoints that skip authentication ({@code --disable-authz})
 * @param adminTokenRecoveryHttpBind the recovery listener, when enabled
 * @param adminTokenFile a token file to import at startup ({@code --admin-token-file})
 * @param tlsCert PEM certificate chain; present exactly when {@code tlsKey} is
 * @param tlsKey PEM private key; present exactly when {@code tlsCert} is
 * @param tlsKeyPassword the password of an encrypted {@code tlsKey}, only with it
 * @param logLevel the root log level (default {@code info})
 * @param corsAllowOrigins {@code --cors-allow-origin}: origins allowed cross-origin access, each
 *     {@code scheme://host[:port]} or {@code *}; empty (the default) means no CORS at all
 * @param permissionTokensFile InfluxDB 3 Enterprise's permission-tokens file to import at startup
 *     ({@code --permission-tokens-file})
 * @param resourceTypes resource types declared beside {@code db} and {@code system} ({@code
 *     --resource-type NAME=ACTION,ACTION}), in the order given
 * @param withoutConsole {@code --without-console}: no web console at {@code /console/}
 * @param authzRules {@code --authz-rules FILE}: the forward-authentication rules, checked at start
 * @param trustedProxies {@code --trusted-proxies CIDR,…}: the peers whose {@code X-Forwarded-For}
 *     names the client (default {@link #DEFAULT_TRUSTED_PROXIES}; empty trusts none)
 * @param authFailureLimit {@code --auth-failure-limit N/WINDOW}: failed authentications one client
 *     address may have per window before it gets 429 (default {@code 20/1m}; {@code 0}: off)
 * @param logFormat {@code --log-format}: text lines (the default) or one JSON object per line
 * @param accessLog {@code --access-log}: one log line per request (client, method, path, status,
 *     duration, token id, request id)
 * @param shutdownGrace {@code --shutdown-grace}: how long in-flight requests may run on after
 *     SIGTERM (default {@link #DEFAULT_SHUTDOWN_GRACE})
 * @param auditLog {@code --audit-log FILE}: every audit entry also appended there as a JSON line
 * @param auditRetention {@code --audit-retention DURATION}: audit entries older than this are
 *     pruned in the background; empty (the default) keeps them forever
 * @param store {@code --store URL}: a PostgreSQL store several nodes share; empty (the default)
 *     means SQLite in {@code dataDir}
 * @param maxStaleness {@code --max-staleness}: with a PostgreSQL store, how long the node may go
 *     without confirming it is current before token checks fail closed (default 10 s)
 * @param lastUsedInterval {@code --last-used-interval}: how often last-use times are written to the
 *     store (default 60 s); {@link Duration#ZERO} turns last-use tracking off
 */
public record ServeOptions(
    BindAddress httpBind,
    Path dataDir,
    boolean withoutAuth,
    Set<ExemptEndpoint> disableAuthz,
    Optional<BindAddress> adminTokenRecoveryHttpBind,
    Optional<Path> adminTokenFile,
    Optional<Path> tlsCert,
    Optional<Path> tlsKey,
    Optional<TlsKeyPassword> tlsKeyPassword,
    LogLevel logLevel,
    List<String> corsAllowOrigins,
    Optional<Path> permissionTokensFile,
    List<ResourceType> resourceTypes,
    boolean withoutConsole,
    Optional<Path> authzRules,
    String trustedProxies,
    FailureLimit authFailureLimit,
    LogFormat logFormat,
    boolean accessLog,
    Duration shutdownGrace,
    Optional<Path> auditLog,
    Optional<Duration> auditRetention,
    Optional<StoreUrl> store,
    Duration maxStaleness,
    Duration lastUsedInterval) {

  public static final BindAddress DEFAULT_HTTP_BIND = new BindAddress("127.0.0.1", 8181);
  public static final BindAddress DEFAULT_RECOVERY_BIND = new BindAddress("127.0.0.1", 8182);
  public static final String DATABASE_FILE = "tollgate.db";
  public static final String DEFAULT_TRUSTED_PROXIES = "127.0.0.0/8,::1";
  public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(10);
  public static final Duration DEFAULT_MAX_STALENESS = Duration.ofSeconds(10);
  public static final Duration DEFAULT_LAST_USED_INTERVAL = Duration.ofSeconds(60);

  public ServeOptions {
    Objects.requireNonNull(httpBind, "httpBind");
    Objects.requireNonNull(dataDir, "dataDir");
    disableAuthz =
        disableAuthz.isEmpty()
            ? Set.of()
            : Set.copyOf(EnumSet.copyOf(Objects.requireNonNull(disableAuthz)));
    Objects.requireNonNull(adminTokenRecoveryHttpBind, "adminTokenRecoveryHttpBind");
    Objects.requireNonNull(adminTokenFile, "adminTokenFile");
    Objects.requireNonNull(tlsCert, "tlsCert");
    Objects.requireNonNull(tlsKey, "tlsKey");
    Objects.requireNonNull(tlsKeyPassword, "tlsKeyPassword");
    Objects.requireNonNull(logLevel, "logLevel");
    corsAllowOrigins = List.copyOf(Objects.requireNonNull(corsAllowOrigins, "corsAllowOrigins"));
    Objects.requireNonNull(permissionTokensFile, "permissionTokensFile");
    resourceTypes = List.copyOf(Objects.requireNonNull(resourceTypes, "resourceTypes"));
    Objects.requireNonNull(authzRules, "authzRules");
    trustedProxies = trustedProxies == null ? DEFAULT_TRUSTED_PROXIES : trustedProxies.strip();
    Objects.requireNonNull(authFailureLimit, "authFailureLimit");
    Objects.requireNonNull(logFormat, "logFormat");
    Objects.requireNonNull(shutdownGrace, "shutdownGrace");
    if (shutdownGrace.isNegative()) {
      throw new IllegalArgumentException("--shutdown-grace cannot be negative");
    }
    Objects.requireNonNull(auditLog, "auditLog");
    Objects.requireNonNull(auditRetention, "auditRetention");
    if (auditRetention.isPresent()
        && (auditRetention.get().isNegative() || auditRetention.get().isZero())) {
      throw new IllegalArgumentException("--audit-retention must be longer than zero");
    }
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(maxStaleness, "maxStaleness");
    Objects.requireNonNull(lastUsedInterval, "lastUsedInterval");
    if (lastUsedInterval.isNegative()
        || (!lastUsedInterval.isZero() && lastUsedInterval.compareTo(Duration.ofSeconds(1)) < 0)) {
      throw new IllegalArgumentException("--last-used-interval must be at least 1s, or off");
    }
    if (tlsCert.isPresent() != tlsKey.isPresent()) {
      throw new IllegalArgumentException("--tls-cert and --tls-key must be given together");
    }
    if (tlsKeyPassword.isPresent() && tlsKey.isEmpty()) {
      throw new IllegalArgumentException("a TLS key password needs --tls-key");
    }
  }

  /** Options with every default but the listener and the data directory. */
  public static Builder builder(BindAddress httpBind, Path dataDir) {
    return new Builder(httpBind, dataDir);
  }

  /**
   * Builds {@link ServeOptions} one option at a time: a new option is one field here, not one more
   * positional argument at every call site.
   */
  public static final class Builder {
    private final BindAddress httpBind;
    private final Path dataDir;
    private boolean withoutAuth;
    private Set<ExemptEndpoint> disableAuthz = Set.of();
    private Optional<BindAddress> adminTokenRecoveryHttpBind = Optional.empty();
    private Optional<Path> adminTokenFile = Optional.empty();
    private Optional<Path> tlsCert = Optional.empty();
    private Optional<Path> tlsKey = Optional.empty();
    private Optional<TlsKeyPassword> tlsKeyPassword = Optional.empty();
    private LogLevel logLevel = LogLevel.INFO;
    private List<String> corsAllowOrigins = List.of();
    private Optional<Path> permissionTokensFile = Optional.empty();
    private List<ResourceType> resourceTypes = List.of();
    private boolean withoutConsole;
    private Optional<Path> authzRules = Optional.empty();
    private String trustedProxies = DEFAULT_TRUSTED_PROXIES;
    private FailureLimit authFailureLimit = FailureLimit.DEFAULT;
    private LogFormat logFormat = LogFormat.TEXT;
    private boolean accessLog;
    private Duration shutdownGrace = DEFAULT_SHUTDOWN_GRACE;
    private Optional<Path> auditLog = Optional.empty();
    private Optional<Duration> auditRetention = Optional.empty();
    private Optional<StoreUrl> store = Optional.empty();
    private Duration maxStaleness = DEFAULT_MAX_STALENESS;
    private Duration lastUsedInterval = DEFAULT_LAST_USED_INTERVAL;

    private Builder(BindAddress httpBind, Path dataDir) {
      this.httpBind = httpBind;
      this.dataDir = dataDir;
    }

    public Builder withoutAuth(boolean value) {
      withoutAuth = value;
      return this;
    }

    public Builder disableAuthz(Set<ExemptEndpoint> value) {
      disableAuthz = value;
      return this;
    }

    public Builder adminTokenRecoveryHttpBind(Optional<BindAddress> value) {
      adminTokenRecoveryHttpBind = value;
      return this;
    }

    public Builder adminTokenFile(Optional<Path> value) {
      adminTokenFile = value;
      return this;
    }

    public Builder tls(Optional<Path> cert, Optional<Path> key) {
      tlsCert = cert;
      tlsKey = key;
      return this;
    }

    /** The password of an encrypted {@code --tls-key}. */
    public Builder tlsKeyPassword(Optional<TlsKeyPassword> value) {
      tlsKeyPassword = value;
      return this;
    }

    public Builder logLevel(LogLevel value) {
      logLevel = value;
      return this;
    }

    public Builder corsAllowOrigins(List<String> value) {
      corsAllowOrigins = value;
      return this;
    }

    public Builder permissionTokensFile(Optional<Path> value) {
      permissionTokensFile = value;
      return this;
    }

    public Builder resourceTypes(List<ResourceType> value) {
      resourceTypes = value;
      return this;
    }

    public Builder withoutConsole(boolean value) {
      withoutConsole = value;
      return this;
    }

    public Builder authzRules(Optional<Path> value) {
      authzRules = value;
      return this;
    }

    public Builder trustedProxies(String value) {
      trustedProxies = value;
      return this;
    }

    public Builder authFailureLimit(FailureLimit value) {
      authFailureLimit = value;
      return this;
    }

    public Builder logFormat(LogFormat value) {
      logFormat = value;
      return this;
    }

    public Builder accessLog(boolean value) {
      accessLog = value;
      return this;
    }

    public Builder shutdownGrace(Duration value) {
      shutdownGrace = value;
      return this;
    }

    public Builder auditLog(Optional<Path> value) {
      auditLog = value;
      return this;
    }

    public Builder auditRetention(Optional<Duration> value) {
      auditRetention = value;
      return this;
    }

    public Builder store(Optional<StoreUrl> value) {
      store = value;
      return this;
    }

    public Builder maxStaleness(Duration value) {
      maxStaleness = value;
      return this;
    }

    /** {@link Duration#ZERO}: last-use tracking off. */
    public Builder lastUsedInterval(Duration value) {
      lastUsedInterval = value;
      return this;
    }

    public ServeOptions build() {
      return new ServeOptions(
          httpBind,
          dataDir,
          withoutAuth,
          disableAuthz,
          adminTokenRecoveryHttpBind,
          adminTokenFile,
          tlsCert,
          tlsKey,
          tlsKeyPassword,
          logLevel,
          corsAllowOrigins,
          permissionTokensFile,
          resourceTypes,
          withoutConsole,
          authzRules,
          trustedProxies,
          authFailureLimit,
          logFormat,
          accessLog,
          shutdownGrace,
          auditLog,
          auditRetention,
          store,
          maxStaleness,
          lastUsedInterval);
    }
  }

  /** {@code db}, {@code system} and the declared types. */
  public ResourceTypes allResourceTypes() {
    ResourceTypes all = ResourceTypes.builtIn();
    for (ResourceType type : resourceTypes) {
      all = all.with(type);
    }
    return all;
  }

  /** {@code dataDir/tollgate.db}. */
  public Path databaseFile() {
    return dataDir.resolve(DATABASE_FILE);
  }

  /** Whether authentication notes each token's last use ({@code --last-used-interval} not off). */
  public boolean tracksLastUse() {
    return !lastUsedInterval.isZero();
  }

  public boolean tlsEnabled() {
    return tlsCert.isPresent();
  }
}
