package io.tollgate.embedded;

import io.tollgate.core.crypto.SecureRandomSecretGenerator;
import io.tollgate.core.crypto.Sha512TokenHasher;
import io.tollgate.core.domain.Actor;
import io.tollgate.core.domain.AuthenticationResult;
import io.tollgate.core.domain.AuthorizationResult;
import io.tollgate.core.domain.Expiry;
import io.tollgate.core.domain.InvalidExpiryException;
import io.tollgate.core.domain.IssuedToken;
import io.tollgate.core.domain.Lifetime;
import io.tollgate.core.domain.Permission;
import io.tollgate.core.domain.Permissions;
import io.tollgate.core.domain.ResourceTypes;
import io.tollgate.core.domain.Token;
import io.tollgate.core.domain.TokenName;
import io.tollgate.core.domain.TokenNameAlreadyExistsException;
import io.tollgate.core.domain.TokenSecret;
import io.tollgate.core.port.in.ImportTokenUseCase.ImportResult;
import io.tollgate.core.port.in.ServiceStatusUseCase.StoreStatus;
import io.tollgate.core.port.in.ServiceStatusUseCase.TokenCounts;
import io.tollgate.core.port.in.TokenAuthority;
import io.tollgate.core.port.out.TokenStore;
import io.tollgate.core.service.TokenService;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * Tollgate inside your own JVM service: the operator token ({@code _admin}) and named admin tokens
 * of InfluxDB 3 Core, stored as SHA-512 hashes, with no Guice and no second process.
 *
 * <pre>{@code
 * try (Tollgate tollgate = Tollgate.open(Path.of("/var/lib/myservice/tokens"))) {
 *   tollgate.createOperatorTokenIfMissing()                      // at every start
 *       .ifPresent(admin -> show(admin.secret()));               // shown once, on the first
 *   IssuedToken ci = tollgate.createNamedAdminToken("ci", Duration.ofDays(30));
 *   AuthenticationResult result = tollgate.authenticate(presentedTokenString);
 * }
 * }</pre>
 *
 * <p><b>Rules.</b> Every use case of {@link TokenAuthority} is offered here, with its rules and
 * exceptions as documented there, beside two shortcuts for the common cases: {@link
 * #createOperatorTokenIfMissing()} and {@link #createNamedAdminToken(String, Duration)}.
 * Authentication never throws for a bad token and never touches the disk: it is one SHA-512 and one
 * lookup in an in-memory index. Writes are committed to the store before they become visible to
 * {@link #authenticate(String)}; a write that fails leaves no trace. Domain errors are subclasses
 * of {@link io.tollgate.core.domain.TollgateException}; a failure of the store is a {@link
 * io.tollgate.core.domain.StoreException} naming the file.
 *
 * <p><b>Secrets.</b> A token string exists only in the {@link IssuedToken} returned by create and
 * regenerate. Tollgate never logs it, never puts it in an exception message, and {@code toString()}
 * of {@link IssuedToken} and {@link TokenSecret} redacts it.
 *
 * <p><b>Threads.</b> An instance is thread-safe: share one across request threads. Writes are
 * serialised; authentication takes no lock. Instances hold no static state, so two instances on
 * different data directories are independent. A data directory is owned by one instance at a time:
 * opening it again, in this process or another, fails until the owner is closed.
 *
 * <p><b>Last use.</b> Each successful authentication notes when the token was used, in memory and
 * without allocating; listings show it at once ({@link Token#lastUsedAt()}, null for never). A
 * durable instance writes what changed to its store every {@link
 * TollgateBuilder#lastUsedInterval(Duration)} (default 60 s) on one daemon thread, in one batch,
 * and once more on {@link #close()}: a crash loses at most one interval of last-use times. {@link
 * Duration#ZERO} turns tracking off (and starts no thread).
 *
 * <p><b>Closing.</b> {@link #close()} writes the pending last uses, then releases the store's
 * connections and the directory's lock; after it every method except {@link #close()} throws {@link
 * IllegalStateException}.
 */
public final class Tollgate implements TokenAuthority, AutoCloseable {

  /** Who the convenience methods record as creator: the service Tollgate is embedded in. */
  private static final Actor APPLICATION = new Actor(null, "embedding application");

  private final TokenService service;
  private final TokenStore store;
  private final String description;
  private final LastUseSchedule lastUse;
  private volatile boolean closed;

  /**
   * @param lastUsedInterval how often last uses are written; zero: not tracked
   * @param scheduled whether a thread writes them every interval (a durable store), or only {@link
   *     #flushLastUse()} and {@link #close()} do
   */
  Tollgate(
      TokenStore store,
      Clock clock,
      ResourceTypes resourceTypes,
      String description,
      Duration lastUsedInterval,
      boolean scheduled) {
    this.store = store;
    this.description = description;
    this.service =
        new TokenService(
            store,
            new Sha512TokenHasher(),
            new SecureRandomSecretGenerator(),
            clock,
            resourceTypes,
            !lastUsedInterval.isZero());
    this.lastUse =
        scheduled && !lastUsedInterval.isZero()
            ? LastUseSchedule.start(service, lastUsedInterval)
            : null;
  }

  /**
   * Opens (or creates) the durable store in {@code dataDir}: the database is {@code
   * dataDir/tollgate.db}; a missing directory is created with mode 0700 and the file with mode
   * 0600; an older schema is migrated. The system UTC clock decides expiry.
   *
   * @param dataDir the data directory; owned by the returned instance until {@link #close()}
   * @return an open instance; close it (try-with-resources) to release the directory
   * @throws io.tollgate.core.domain.StoreException if the directory is already open (in this
   *     process or another), is not writable, or holds a database that is corrupt or from a newer
   *     Tollgate; the message names the directory
   * @throws NullPointerException if {@code dataDir} is null
   */
  public static Tollgate open(Path dataDir) {
    return builder().open(dataDir);
  }

  /**
   * An instance whose tokens live only in memory and vanish with it: for tests and throw-away
   * services. Uses the system UTC clock.
   *
   * @return an open instance
   */
  public static Tollgate inMemory() {
    return builder().inMemory();
  }

  /**
   * A builder, for a clock other than the system UTC clock (tests that move time, for example).
   *
   * @return a new builder with the system UTC clock
   */
  public static TollgateBuilder builder() {
    return new TollgateBuilder();
  }

  // The use cases of TokenAuthority, documented there; each throws IllegalStateException once
  // this instance is closed.

  @Override
  public AuthenticationResult authenticate(String presented) {
    return open().authenticate(presented);
  }

  @Override
  public IssuedToken createOperatorToken() {
    return open().createOperatorToken();
  }

  /**
   * Creates the operator token {@code _admin} unless it exists: the get-or-create a service calls
   * at every start. Atomic: of two concurrent calls on a fresh store, exactly one creates it.
   *
   * @return the new token and its secret (shown only here) when this call created it; empty when
   *     {@code _admin} already existed (its secret cannot be shown again)
   * @throws io.tollgate.core.domain.StoreException if the store cannot commit it
   * @throws IllegalStateException if this instance is closed
   */
  public Optional<IssuedToken> createOperatorTokenIfMissing() {
    TokenService service = open();
    try {
      return Optional.of(service.createOperatorToken());
    } catch (TokenNameAlreadyExistsException alreadyThere) {
      return Optional.empty();
    }
  }

  @Override
  public IssuedToken regenerateOperatorToken(TokenSecret authorisedBy) {
    return open().regenerateOperatorToken(authorisedBy);
  }

  @Override
  public IssuedToken regenerateOperatorTokenOutOfBand(Actor actor) {
    return open().regenerateOperatorTokenOutOfBand(actor);
  }

  @Override
  public IssuedToken createNamedAdminToken(CreateNamedAdminTokenCommand command) {
    return open().createNamedAdminToken(command);
  }

  /**
   * Creates a named admin token that never expires, recorded as made by the embedding application.
   *
   * @param name the token's name, as {@code influxdb3 create token --admin --name} takes it
   * @return the token and its secret, shown only here
   * @throws io.tollgate.core.domain.InvalidTokenNameException if the name is invalid or {@code
   *     _admin}
   * @throws io.tollgate.core.domain.TokenNameAlreadyExistsException if the name is taken
   * @throws IllegalStateException if this instance is closed
   */
  public IssuedToken createNamedAdminToken(String name) {
    return createNamedAdminToken(name, Lifetime.FOREVER);
  }

  /**
   * Creates a named admin token that expires {@code lifetime} after now ({@code
   * createNamedAdminToken("ci", Duration.ofDays(30))}), recorded as made by the embedding
   * application. Expiry is kept in whole seconds; a fraction of a second is rounded up.
   *
   * @param name the token's name, as {@code influxdb3 create token --admin --name} takes it
   * @param lifetime how long the token is valid; positive
   * @return the token and its secret, shown only here
   * @throws io.tollgate.core.domain.InvalidExpiryException if {@code lifetime} is zero or negative,
   *     or ends after year 9999
   * @throws io.tollgate.core.domain.InvalidTokenNameException if the name is invalid or {@code
   *     _admin}
   * @throws io.tollgate.core.domain.TokenNameAlreadyExistsException if the name is taken
   * @throws IllegalStateException if this instance is closed
   */
  public IssuedToken createNamedAdminToken(String name, Duration lifetime) {
    Objects.requireNonNull(lifetime, "lifetime");
    if (lifetime.isNegative() || lifetime.isZero()) {
      throw new InvalidExpiryException("a token's lifetime must be positive, got " + lifetime);
    }
    long seconds = lifetime.getSeconds() + (lifetime.getNano() > 0 ? 1 : 0);
    return createNamedAdminToken(name, Lifetime.ofSeconds(seconds));
  }

  private IssuedToken createNamedAdminToken(String name, Lifetime lifetime) {
    return createNamedAdminToken(
        new CreateNamedAdminTokenCommand(TokenName.named(name), lifetime, null, APPLICATION));
  }

  @Override
  public Token deleteToken(TokenName name, Actor actor) {
    return open().deleteToken(name, actor);
  }

  @Override
  public List<Token> listTokens() {
    return open().listTokens();
  }

  @Override
  public ImportResult importToken(
      TokenName name, TokenSecret secret, Expiry expiry, Permissions permissions) {
    return open().importToken(name, secret, expiry, permissions);
  }

  @Override
  public AuthorizationResult authorize(String presented, Permission required) {
    return open().authorize(presented, required);
  }

  @Override
  public IssuedToken createResourceToken(CreateResourceTokenCommand command) {
    return open().createResourceToken(command);
  }

  @Override
  public Token updateToken(UpdateTokenCommand command) {
    return open().updateToken(command);
  }

  /**
   * The committed tokens by kind, counted in memory.
   *
   * @throws IllegalStateException if this instance is closed
   */
  @Override
  public TokenCounts tokenCounts() {
    return open().tokenCounts();
  }

  /**
   * Reads one row from the store, as a health check does.
   *
   * @return {@link StoreStatus#CURRENT}: this instance owns its store
   * @throws io.tollgate.core.domain.StoreException if the store cannot be read
   * @throws IllegalStateException if this instance is closed
   */
  @Override
  public StoreStatus checkStore() {
    return open().checkStore();
  }

  /**
   * How far behind a store shared by several nodes may be; empty for a store this instance owns.
   *
   * @throws IllegalStateException if this instance is closed
   */
  @Override
  public OptionalLong storeLagMillis() {
    return open().storeLagMillis();
  }

  /**
   * The identity of the store, created once with it (InfluxDB's {@code cluster-uuid}).
   *
   * @return the store's UUID; a fresh one for each in-memory instance
   * @throws IllegalStateException if this instance is closed
   */
  @Override
  public UUID clusterId() {
    return open().clusterId();
  }

  /**
   * Writes to the store, now and in one batch, every last use it does not hold yet; the schedule
   * does the same every interval.
   *
   * @return how many tokens' last use it wrote
   * @throws io.tollgate.core.domain.StoreException if the store fails; the uses stay pending
   * @throws IllegalStateException if this instance is closed
   */
  public int flushLastUse() {
    return open().flushLastUse();
  }

  /**
   * Writes the pending last uses (a failure is reported through {@link System.Logger} and does not
   * stop the close), then releases the store's connections and the data directory's lock.
   * Idempotent; safe to call from any thread. Later calls throw {@link IllegalStateException}; a
   * write still running when the store closes fails with a {@link
   * io.tollgate.core.domain.StoreException} and changes nothing. Close only when no request is
   * being served (after stopping your HTTP server).
   *
   * @throws io.tollgate.core.domain.StoreException never for an in-memory instance; for a durable
   *     one only if the store itself fails to close
   */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    try {
      if (lastUse != null) {
        lastUse.stop();
      } else if (service.tracksLastUse()) {
        service.flushLastUse();
      }
    } catch (RuntimeException e) {
      System.getLogger(Tollgate.class.getName())
          .log(
              System.Logger.Level.WARNING,
              "could not record when tokens were last used ({0})",
              e.getMessage());
    } finally {
      store.close();
    }
  }

  /** Names the store, never a secret. */
  @Override
  public String toString() {
    return description + (closed ? " (closed)" : "");
  }

  /** The service, once this instance is known to be open. */
  private TokenService open() {
    if (closed) {
      throw new IllegalStateException(description + " is closed");
    }
    return service;
  }
}
