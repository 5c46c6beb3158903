package io.tollgate.embedded;

import io.tollgate.core.crypto.SecureRandomSecretGenerator;
import io.tollgate.core.crypto.Sha512TokenHasher;
import io.tollgate.core.domain.Actor;
import io.tollgate.core.domain.AuthenticationResult;
import io.tollgate.core.domain.AuthorizationResult;
import io.tollgate.core.domain.Expiry;
import io.tollgate.core.domain.IssuedToken;
import io.tollgate.core.domain.Permission;
import io.tollgate.core.domain.Permissions;
import io.tollgate.core.domain.Token;
import io.tollgate.core.domain.TokenName;
import io.tollgate.core.domain.TokenSecret;
import io.tollgate.core.memory.InMemoryTokenRepository;
import io.tollgate.core.port.in.ImportTokenUseCase.ImportResult;
import io.tollgate.core.port.in.TokenAuthority;
import io.tollgate.core.port.out.AuditLog;
import io.tollgate.core.port.out.TokenRepository;
import io.tollgate.core.service.TokenService;
import io.tollgate.sqlite.SqliteStore;
import io.tollgate.sqlite.SqliteStores;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Tollgate inside your own JVM service: the operator token ({@code _admin}) and named admin tokens
 * of InfluxDB 3 Core, stored as SHA-512 hashes, with no Guice and no second process.
 *
 * <pre>{@code
 * try (Tollgate tollgate = Tollgate.open(Path.of("/var/lib/myservice/tokens"))) {
 *   IssuedToken admin = tollgate.createOperatorToken();          // admin.secret(): shown once
 *   AuthenticationResult result = tollgate.authenticate(presentedTokenString);
 * }
 * }</pre>
 *
 * <p><b>Rules.</b> Every use case of {@link TokenAuthority} is offered here, with its rules and
 * exceptions as documented there. Authentication never throws for a bad token and never touches the
 * disk: it is one SHA-512 and one lookup in an in-memory index. Writes are committed to the store
 * before they become visible to {@link #authenticate(String)}; a write that fails leaves no trace.
 * Domain errors are subclasses of {@link io.tollgate.core.domain.TollgateException}; a failure of
 * the store is a {@link io.tollgate.core.domain.StoreException} naming the file.
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
 * <p><b>Closing.</b> {@link #close()} releases the store's connections and the directory's lock and
 * starts no threads of its own; after it every method except {@link #close()} throws {@link
 * IllegalStateException}.
 */
public final class Tollgate implements TokenAuthority, AutoCloseable {

  private final TokenService service;
  private final SqliteStore store;
  private final String description;
  private volatile boolean closed;

  private Tollgate(TokenRepository repository, SqliteStore store, Clock clock, String description) {
    this.store = store;
    this.description = description;
    this.service =
        new TokenService(
            repository,
            new Sha512TokenHasher(),
            new SecureRandomSecretGenerator(),
            clock,
            store == null ? AuditLog.NONE : store);
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
  public static Builder builder() {
    return new Builder();
  }

  /** Configures and opens a {@link Tollgate}. Not thread-safe; use one per thread. */
  public static final class Builder {

    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /**
     * The clock that stamps created_at and updated_at and decides whether a token has expired.
     *
     * @param clock the clock; timestamps are kept in UTC with millisecond precision
     * @return this builder
     * @throws NullPointerException if {@code clock} is null
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Opens the durable store in {@code dataDir}, as {@link Tollgate#open(Path)} does.
     *
     * @return an open instance; close it to release the directory
     * @throws io.tollgate.core.domain.StoreException as {@link Tollgate#open(Path)}
     * @throws NullPointerException if {@code dataDir} is null
     */
    public Tollgate open(Path dataDir) {
      Objects.requireNonNull(dataDir, "dataDir");
      SqliteStore store = SqliteStores.open(dataDir);
      try {
        return new Tollgate(store, store, clock, "Tollgate[" + store.databaseFile() + "]");
      } catch (RuntimeException e) {
        store.close();
        throw e;
      }
    }

    /**
     * An in-memory instance, as {@link Tollgate#inMemory()} gives.
     *
     * @return an open instance
     */
    public Tollgate inMemory() {
      return new Tollgate(new InMemoryTokenRepository(), null, clock, "Tollgate[in memory]");
    }
  }

  /**
   * Checks a presented token string: one SHA-512 and one in-memory lookup, no disk access, no lock.
   * The string is never logged or retained.
   *
   * @param presented the token string as the client sent it; null, empty or garbage are {@link
   *     AuthenticationResult.Unknown}
   * @return {@link AuthenticationResult.Authenticated} with the token (never its secret), {@link
   *     AuthenticationResult.Expired}, or {@link AuthenticationResult.Unknown} (also for an
   *     inactive token); never throws for a bad token
   * @throws IllegalStateException if this instance is closed
   */
  @Override
  public AuthenticationResult authenticate(String presented) {
    ensureOpen();
    return service.authenticate(presented);
  }

  /**
   * Decides whether a presented token string holds {@code required}: one SHA-512 and in-memory
   * lookups, no disk access, no lock, no exception for a bad token.
   *
   * @param presented the token string as the client sent it
   * @param required built once, e.g. {@code Permission.required("orders", "*", "read")}; {@link
   *     Permission#ADMIN} for what only admin tokens may do
   * @return allowed with the token, unauthenticated (answer 401) or forbidden (answer 403)
   * @throws IllegalStateException if this instance is closed
   */
  @Override
  public AuthorizationResult authorize(String presented, Permission required) {
    ensureOpen();
    return service.authorize(presented, required);
  }

  /**
   * Creates a resource token: it may do only what its permissions grant, and never manage tokens.
   *
   * @return the token and its secret, shown only here
   * @throws io.tollgate.core.domain.InvalidPermissionException for a resource type, action or name
   *     this instance does not know
   * @throws io.tollgate.core.domain.TokenNameAlreadyExistsException if the name is taken
   * @throws io.tollgate.core.domain.ForbiddenException if the acting token is not an admin token
   * @throws IllegalStateException if this instance is closed
   */
  @Override
  public IssuedToken createResourceToken(CreateResourceTokenCommand command) {
    ensureOpen();
    return service.createResourceToken(command);
  }

  /**
   * Creates the operator token {@code _admin}; allowed once, without authentication.
   *
   * @return the token and its secret, which is shown only here
   * @throws io.tollgate.core.domain.TokenNameAlreadyExistsException if {@code _admin} exists
   * @throws io.tollgate.core.domain.StoreException if the store cannot commit it
   * @throws IllegalStateException if this instance is closed
   */
  @Override
  public IssuedToken createOperatorToken() {
    ensureOpen();
    return service.createOperatorToken();
  }

  /**
   * Gives {@code _admin} a new secret in place (same id, name, created_at). The old secret is
   * refused from the moment this returns. Checking {@code authorisedBy} and the update are one
   * atomic step.
   *
   * @param authorisedBy the current secret of {@code _admin}
   * @return the operator token and its new secret, shown only here
   * @throws io.tollgate.core.domain.NotAuthenticatedException if {@code authorisedBy} is not a
   *     valid token
   * @throws io.tollgate.core.domain.ForbiddenException if it is a valid token other than {@code
   *     _admin} (named admin tokens may not regenerate the operator token)
   * @throws io.tollgate.core.domain.OperatorTokenMissingException if there is no {@code _admin}
   * @throws IllegalStateException if this instance is closed
   */
  @Override
  public IssuedToken regenerateOperatorToken(TokenSecret authorisedBy) {
    ensureOpen();
    return service.regenerateOperatorToken(authorisedBy);
  }

  /**
   * Gives {@code _admin} a new secret on an authority checked outside Tollgate (your own recovery
   * procedure); {@code actor} is recorded as the updater.
   *
   * @return the operator token and its new secret, shown only here
   * @throws io.tollgate.core.domain.OperatorTokenMissingException if there is no {@code _admin}
   * @throws IllegalStateException if this instance is closed
   */
  @Override
  public IssuedToken regenerateOperatorTokenOutOfBand(Actor actor) {
    ensureOpen();
    return service.regenerateOperatorTokenOutOfBand(actor);
  }

  /**
   * Creates a named admin token with full admin powers.
   *
   * @return the token and its secret, shown only here
   * @throws io.tollgate.core.domain.TokenNameAlreadyExistsException if the name is taken
   * @throws io.tollgate.core.domain.InvalidExpiryException if the expiry ends after year 9999
   * @throws IllegalStateException if this instance is closed
   */
  @Override
  public IssuedToken createNamedAdminToken(CreateNamedAdminTokenCommand command) {
    ensureOpen();
    return service.createNamedAdminToken(command);
  }

  /**
   * Deletes a named admin token; its secret is refused from the moment this returns.
   *
   * @return the deleted token (never its secret)
   * @throws io.tollgate.core.domain.OperatorTokenImmutableException for {@code _admin}
   * @throws io.tollgate.core.domain.TokenNotFoundException if no token has that name
   * @throws IllegalStateException if this instance is closed
   */
  @Override
  public Token deleteToken(TokenName name, Actor actor) {
    ensureOpen();
    return service.deleteToken(name, actor);
  }

  /**
   * Every stored token ordered by id, expired ones included.
   *
   * @return the tokens; hashes only, never a secret
   * @throws IllegalStateException if this instance is closed
   */
  @Override
  public List<Token> listTokens() {
    ensureOpen();
    return service.listTokens();
  }

  /**
   * Stores, hashed, a token whose secret was made elsewhere, unless its name or secret exists or
   * this store imported that secret before (a deleted imported token stays deleted).
   *
   * @return the stored token, or why nothing was stored
   * @throws io.tollgate.core.domain.InvalidExpiryException for an expiring operator token
   * @throws IllegalStateException if this instance is closed
   */
  @Override
  public ImportResult importToken(TokenName name, TokenSecret secret, Expiry expiry) {
    ensureOpen();
    return service.importToken(name, secret, expiry);
  }

  /**
   * As {@link #importToken(TokenName, TokenSecret, Expiry)}, for a token holding {@code
   * permissions} (a resource token, or an admin token for {@code *:*:*}).
   *
   * @throws io.tollgate.core.domain.InvalidPermissionException for a type, action or name this
   *     instance's resource types do not have
   * @throws IllegalStateException if this instance is closed
   */
  @Override
  public ImportResult importToken(
      TokenName name, TokenSecret secret, Expiry expiry, Permissions permissions) {
    ensureOpen();
    return service.importToken(name, secret, expiry, permissions);
  }

  /**
   * Changes a named token's description and status.
   *
   * @return the token as it is after the change
   * @throws io.tollgate.core.domain.OperatorTokenImmutableException for {@code _admin}
   * @throws io.tollgate.core.domain.TokenNotFoundException if no token has that name
   * @throws IllegalStateException if this instance is closed
   */
  @Override
  public Token updateToken(UpdateTokenCommand command) {
    ensureOpen();
    return service.updateToken(command);
  }

  /**
   * The identity of the store, created once with it (InfluxDB's {@code cluster-uuid}).
   *
   * @return the store's UUID; a fresh one for each in-memory instance
   * @throws IllegalStateException if this instance is closed
   */
  @Override
  public UUID clusterId() {
    ensureOpen();
    return service.clusterId();
  }

  /**
   * Releases the store's connections and the data directory's lock. Idempotent; safe to call from
   * any thread. Later calls throw {@link IllegalStateException}; a write still running when the
   * store closes fails with a {@link io.tollgate.core.domain.StoreException} and changes nothing.
   * Close only when no request is being served (after stopping your HTTP server).
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
    if (store != null) {
      store.close();
    }
  }

  /** Names the store, never a secret. */
  @Override
  public String toString() {
    return description + (closed ? " (closed)" : "");
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException(description + " is closed");
    }
  }
}
