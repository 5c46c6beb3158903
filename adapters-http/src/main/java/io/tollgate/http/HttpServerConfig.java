package io.tollgate.http;

import io.tollgate.core.domain.failure.FailureLimit;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the HTTP server serves and where. Build one with {@link #builder()}; every setter that takes
 * a string parses it the way {@code tollgate serve} spells the option and throws {@link
 * IllegalArgumentException} with a message naming the option for a bad value.
 *
 * @param bind the main listener ({@code --http-bind}, default {@code 127.0.0.1:8181})
 * @param withoutAuth {@code --without-auth}: no authentication, the token API answers 405
 * @param disabledAuthz {@code --disable-authz}: endpoints served without authentication
 * @param recoveryBind {@code --admin-token-recovery-http-bind}: the recovery listener, off if empty
 * @param tls {@code --tls-cert}, {@code --tls-key} and the key's password: serve HTTPS (both
 *     listeners) if present
 * @param version the version {@code /ping} reports
 * @param revision the revision {@code /ping} reports
 * @param corsAllowedOrigins {@code --cors-allow-origin}: the origins allowed cross-origin access,
 *     each {@code scheme://host[:port]} (lower case) or {@code *}; empty (the default) turns CORS
 *     off
 * @param console whether {@code /console/} serves the web console ({@code --without-console} turns
 *     it off)
 * @param authzRules {@code --authz-rules FILE}: the forward-authentication rules (SPEC section 9),
 *     read and checked when the server is created; empty: none
 * @param trustedProxies {@code --trusted-proxies CIDR,…}: the peers whose {@code X-Forwarded-For}
 *     names the client address, as given (checked here); default {@code 127.0.0.0/8,::1}
 * @param authFailureLimit {@code --auth-failure-limit N/WINDOW}: more than N failed authentications
 *     of one client address within the window are answered 429 until it ends; default {@code
 *     20/1m}, {@link FailureLimit#OFF} ({@code 0}) for none
 * @param accessLog {@code --access-log}: one INFO line per request of the main listener on the
 *     logger {@code io.tollgate.http.access}
 * @param shutdownGrace {@code --shutdown-grace}: how long {@link TollgateHttpServer#stop()} lets
 *     requests in flight finish after it stops accepting (default {@link #DEFAULT_SHUTDOWN_GRACE})
 */
public record HttpServerConfig(
    Bind bind,
    boolean withoutAuth,
    Set<AuthzExemption> disabledAuthz,
    Optional<Bind> recoveryBind,
    Optional<TlsFiles> tls,
    String version,
    String revision,
    List<String> corsAllowedOrigins,
    boolean console,
    Optional<Path> authzRules,
    String trustedProxies,
    FailureLimit authFailureLimit,
    boolean accessLog,
    Duration shutdownGrace) {

  /** {@code 127.0.0.0/8,::1}: the default of {@code --trusted-proxies}. */
  public static final String DEFAULT_TRUSTED_PROXIES = ClientAddress.DEFAULT_TRUSTED_PROXIES;

  /** 10 seconds: the default of {@code --shutdown-grace}. */
  public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(10);

  /** {@code 127.0.0.1:8181}: the default of {@code --http-bind}. */
  public static final Bind DEFAULT_BIND = new Bind("127.0.0.1", 8181);

  /** {@code 127.0.0.1:8182}: the recovery listener's address when the flag is given bare. */
  public static final Bind DEFAULT_RECOVERY_BIND = new Bind("127.0.0.1", 8182);

  public HttpServerConfig {
    Objects.requireNonNull(bind, "bind");
    Objects.requireNonNull(recoveryBind, "recoveryBind");
    Objects.requireNonNull(tls, "tls");
    disabledAuthz =
        disabledAuthz == null || disabledAuthz.isEmpty()
            ? Set.of()
            : Set.copyOf(EnumSet.copyOf(disabledAuthz));
    version = version == null ? "unknown" : version;
    revision = revision == null ? "unknown" : revision;
    corsAllowedOrigins =
        corsAllowedOrigins == null ? List.of() : CorsPolicy.allowing(corsAllowedOrigins).origins();
    authzRules = authzRules == null ? Optional.empty() : authzRules;
    trustedProxies = trustedProxies == null ? DEFAULT_TRUSTED_PROXIES : trustedProxies.trim();
    ClientAddress.trusting(trustedProxies);
    authFailureLimit = authFailureLimit == null ? FailureLimit.DEFAULT : authFailureLimit;
    shutdownGrace = shutdownGrace == null ? DEFAULT_SHUTDOWN_GRACE : shutdownGrace;
    if (shutdownGrace.isNegative()) {
      throw new IllegalArgumentException("--shutdown-grace cannot be negative");
    }
    authzRules.ifPresent(AuthzRules::load); // a bad file stops the server before anything starts
  }

  /**
   * A builder starting from the defaults: 127.0.0.1:8181, authentication on, no recovery, no TLS.
   */
  public static Builder builder() {
    return new Builder();
  }

  /** A {@code host:port} to listen on. Port 0 picks a free port. */
  public record Bind(String host, int port) {
    public Bind {
      if (host == null || host.isBlank()) {
        throw new IllegalArgumentException("bind host is required");
      }
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("bind port must be 0 to 65535, got " + port);
      }
    }

    /**
     * Parses {@code HOST:PORT}, {@code [IPV6]:PORT} or {@code :PORT} (meaning 127.0.0.1).
     *
     * @throws IllegalArgumentException naming the bad value
     */
    public static Bind parse(String value) {
      if (value == null || value.isBlank()) {
        throw new IllegalArgumentException("invalid bind address '': expected HOST:PORT");
      }
      String text = value.trim();
      int colon = text.lastIndexOf(':');
      if (colon < 0) {
        throw new IllegalArgumentException(
            "invalid bind address '" + text + "': expected HOST:PORT");
      }
      String host = text.substring(0, colon);
      if (host.startsWith("[") && host.endsWith("]")) {
        host = host.substring(1, host.length() - 1);
      } else if (host.contains(":")) {
        throw new IllegalArgumentException(
            "invalid bind address '" + text + "': write an IPv6 host as [HOST]:PORT");
      }
      if (host.isEmpty()) {
        host = "127.0.0.1";
      }
      int port;
      try {
        port = Integer.parseInt(text.substring(colon + 1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "invalid bind address '" + text + "': the port must be a number from 0 to 65535");
      }
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException(
            "invalid bind address '" + text + "': the port must be a number from 0 to 65535");
      }
      return new Bind(host, port);
    }

    @Override
    public String toString() {
      return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
  }

  /** An endpoint group that {@code --disable-authz} can exempt from authentication. */
  public enum AuthzExemption {
    /** {@code /health}, {@code /api/v1/health}, {@code /health/live} and {@code /health/ready}. */
    HEALTH,
    /** {@code /ping}. */
    PING,
    /** {@code /metrics}. */
    METRICS;

    /** The option's spelling: {@code health}, {@code ping} or {@code metrics}. */
    public String optionName() {
      return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses {@code --disable-authz}'s comma-separated list, such as {@code health,ping,metrics}.
     * Spaces around items are ignored; an empty string is the empty set.
     *
     * @throws IllegalArgumentException for an unknown or empty item, naming it and the valid values
     */
    public static Set<AuthzExemption> parseList(String value) {
      if (value == null || value.isBlank()) {
        return Set.of();
      }
      EnumSet<AuthzExemption> result = EnumSet.noneOf(AuthzExemption.class);
      for (String item : value.split(",", -1)) {
        String name = item.trim();
        result.add(
            Arrays.stream(values())
                .filter(exemption -> exemption.optionName().equals(name))
                .findFirst()
                .orElseThrow(() -> invalidExemption(name)));
      }
      return Set.copyOf(result);
    }

    private static IllegalArgumentException invalidExemption(String name) {
      String valid =
          Arrays.stream(values()).map(AuthzExemption::optionName).collect(Collectors.joining(", "));
      return new IllegalArgumentException(
          "invalid value '"
              + name
              + "' for --disable-authz: expected a comma-separated list of "
              + valid);
    }
  }

  /** Builds a {@link HttpServerConfig}; not thread-safe. */
  public static final class Builder {
    private Bind bind = DEFAULT_BIND;
    private boolean withoutAuth;
    private Set<AuthzExemption> disabledAuthz = Set.of();
    private Bind recoveryBind;
    private Path tlsCertificate;
    private Path tlsPrivateKey;
    private TlsFiles.KeyPassword tlsKeyPassword;
    private String version = "unknown";
    private String revision = "unknown";
    private final List<String> corsAllowedOrigins = new ArrayList<>();
    private boolean console = true;
    private Path authzRules;
    private String trustedProxies = DEFAULT_TRUSTED_PROXIES;
    private FailureLimit authFailureLimit = FailureLimit.DEFAULT;
    private boolean accessLog;
    private Duration shutdownGrace = DEFAULT_SHUTDOWN_GRACE;

    private Builder() {}

    public Builder bind(Bind value) {
      this.bind = Objects.requireNonNull(value, "bind");
      return this;
    }

    /** {@code --http-bind HOST:PORT}. */
    public Builder bind(String value) {
      return bind(Bind.parse(value));
    }

    /** {@code --without-auth}. */
    public Builder withoutAuth(boolean value) {
      this.withoutAuth = value;
      return this;
    }

    public Builder disabledAuthz(Set<AuthzExemption> value) {
      this.disabledAuthz = value == null ? Set.of() : Set.copyOf(value);
      return this;
    }

    /** {@code --disable-authz health,ping,metrics}. */
    public Builder disabledAuthz(String value) {
      return disabledAuthz(AuthzExemption.parseList(value));
    }

    /** {@code --admin-token-recovery-http-bind}; null turns the recovery listener off. */
    public Builder recoveryBind(Bind value) {
      this.recoveryBind = value;
      return this;
    }

    /**
     * {@code --admin-token-recovery-http-bind [ADDR]}: an empty string (the flag alone) means
     * {@link #DEFAULT_RECOVERY_BIND}; null turns the recovery listener off.
     */
    public Builder recoveryBind(String value) {
      if (value == null) {
        return recoveryBind((Bind) null);
      }
      return recoveryBind(value.isBlank() ? DEFAULT_RECOVERY_BIND : Bind.parse(value));
    }

    /** {@code --tls-cert} and {@code --tls-key}; both or neither (checked by {@link #build()}). */
    public Builder tls(Path certificate, Path privateKey) {
      this.tlsCertificate = certificate;
      this.tlsPrivateKey = privateKey;
      return this;
    }

    /** The password of an encrypted {@code --tls-key}; null for none. */
    public Builder tlsKeyPassword(TlsFiles.KeyPassword password) {
      this.tlsKeyPassword = password;
      return this;
    }

    /** What {@code /ping} reports. */
    public Builder version(String version, String revision) {
      this.version = version;
      this.revision = revision;
      return this;
    }

    /**
     * {@code --cors-allow-origin ORIGIN}, repeatable: allows cross-origin access from {@code
     * scheme://host[:port]}, or from every origin for {@code *}.
     *
     * @throws IllegalArgumentException for a value that is not an origin or {@code *}
     */
    public Builder corsAllowOrigin(String origin) {
      corsAllowedOrigins.add(CorsPolicy.parseOrigin(origin));
      return this;
    }

    /** {@code --authz-rules FILE}; null: no rules. The file is read when the server is created. */
    public Builder authzRules(Path file) {
      this.authzRules = file;
      return this;
    }

    /**
     * {@code --trusted-proxies CIDR,…}: IP addresses or CIDR blocks; empty trusts no proxy.
     *
     * @throws IllegalArgumentException naming a bad item
     */
    public Builder trustedProxies(String value) {
      ClientAddress.trusting(value);
      this.trustedProxies = value == null ? DEFAULT_TRUSTED_PROXIES : value;
      return this;
    }

    /** {@code --auth-failure-limit}; {@link FailureLimit#OFF} turns throttling off. */
    public Builder authFailureLimit(FailureLimit value) {
      this.authFailureLimit = Objects.requireNonNull(value, "authFailureLimit");
      return this;
    }

    /**
     * {@code --auth-failure-limit N/WINDOW} such as {@code 20/1m}, or {@code 0} for no throttling.
     *
     * @throws IllegalArgumentException naming the option and the accepted forms
     */
    public Builder authFailureLimit(String value) {
      try {
        return authFailureLimit(FailureLimit.parse(value));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "invalid value for --auth-failure-limit: " + e.getMessage(), e);
      }
    }

    /**
     * @throws IllegalArgumentException if only one of the TLS files was given, or a key password
     *     without them
     */
    public HttpServerConfig build() {
      return new HttpServerConfig(
          bind,
          withoutAuth,
          disabledAuthz,
          Optional.ofNullable(recoveryBind),
          TlsFiles.of(tlsCertificate, tlsPrivateKey, tlsKeyPassword),
          version,
          revision,
          corsAllowedOrigins,
          console,
          Optional.ofNullable(authzRules),
          trustedProxies,
          authFailureLimit,
          accessLog,
          shutdownGrace);
    }

    /** {@code --access-log}: one INFO line per request on {@code io.tollgate.http.access}. */
    public Builder accessLog(boolean value) {
      this.accessLog = value;
      return this;
    }

    /** {@code --shutdown-grace}: how long in-flight requests may finish once stopping. */
    public Builder shutdownGrace(Duration value) {
      this.shutdownGrace = Objects.requireNonNull(value, "shutdownGrace");
      return this;
    }

    /** {@code --without-console} sets false: no web console at {@code /console/}. */
    public Builder console(boolean value) {
      this.console = value;
      return this;
    }
  }
}
