package io.tollgate.core.service;

import io.tollgate.core.domain.Actor;
import io.tollgate.core.domain.AuthenticationResult;
import io.tollgate.core.domain.AuthorizationResult;
import io.tollgate.core.domain.Expiry;
import io.tollgate.core.domain.ForbiddenException;
import io.tollgate.core.domain.IssuedToken;
import io.tollgate.core.domain.NotAuthenticatedException;
import io.tollgate.core.domain.OperatorTokenMissingException;
import io.tollgate.core.domain.Permission;
import io.tollgate.core.domain.Permissions;
import io.tollgate.core.domain.RequestOrigin;
import io.tollgate.core.domain.ResourceTypes;
import io.tollgate.core.domain.StoreUnavailableException;
import io.tollgate.core.domain.Token;
import io.tollgate.core.domain.TokenHash;
import io.tollgate.core.domain.TokenId;
import io.tollgate.core.domain.TokenName;
import io.tollgate.core.domain.TokenSecret;
import io.tollgate.core.domain.TokenStatus;
import io.tollgate.core.port.in.ImportTokenUseCase.ImportResult;
import io.tollgate.core.port.in.ServiceStatusUseCase.StoreStatus;
import io.tollgate.core.port.in.ServiceStatusUseCase.TokenCounts;
import io.tollgate.core.port.in.TokenAuthority;
import io.tollgate.core.port.out.SecretGenerator;
import io.tollgate.core.port.out.StoreTransaction;
import io.tollgate.core.port.out.TokenHasher;
import io.tollgate.core.port.out.TokenStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Every token rule of Tollgate, behind the use-case interfaces. Thread-safe: each change is one
 * unit of work of the {@link TokenStore} ({@link TokenChanges}: the reads that decide it, the write
 * and its audit entry commit together or not at all), serialised on this node, and reaches the
 * in-memory index only after it committed. Authentication and authorization read the index without
 * locking and never touch the store; changes committed by other nodes of a shared store reach the
 * index through {@link TokenStore#onChangeElsewhere}, and while the store cannot vouch that this
 * node is current they fail closed. Only {@code _admin} itself may regenerate {@code _admin}. Each
 * successful authentication notes the token's last use in the index (no lock, no allocation);
 * {@link #flushLastUse()}, which the composition root calls on a schedule and at shutdown, writes
 * what changed to the store in one batch.
 */
public final class TokenService implements TokenAuthority {

  private final TokenStore store;
  private final TokenHasher hasher;
  private final SecretGenerator generator;
  private final Clock clock;
  private final ResourceTypes resourceTypes;
  private final TokenChanges changes;
  private final TokenIndex index;
  private final ReentrantLock writeLock = new ReentrantLock();
  private final boolean trackLastUse;
  private final LastUseFlusher flusher;

  /** Builds the in-memory index from everything the store holds. */
  public TokenService(
      TokenStore store, TokenHasher hasher, SecretGenerator generator, Clock clock) {
    this(store, hasher, generator, clock, ResourceTypes.builtIn());
  }

  /** As above, resource tokens naming the types of {@code resourceTypes}. */
  public TokenService(
      TokenStore store,
      TokenHasher hasher,
      SecretGenerator generator,
      Clock clock,
      ResourceTypes resourceTypes) {
    this(store, hasher, generator, clock, resourceTypes, true);
  }

  /**
   * As above; {@code trackLastUse} false leaves last use alone: authentication notes none and
   * {@link #flushLastUse()} writes none.
   */
  public TokenService(
      TokenStore store,
      TokenHasher hasher,
      SecretGenerator generator,
      Clock clock,
      ResourceTypes resourceTypes,
      boolean trackLastUse) {
    this.store = store;
    this.trackLastUse = trackLastUse;
    this.resourceTypes = resourceTypes;
    this.hasher = hasher;
    this.generator = generator;
    this.clock = clock;
    this.changes = new TokenChanges(hasher, generator, clock, resourceTypes);
    // Listening before the load, under the write lock: a change made elsewhere meanwhile waits for
    // the load and is then re-read, so the index never keeps what the load saw of it.
    writeLock.lock();
    try {
      store.onChangeElsewhere(this::refresh);
      this.index = new TokenIndex(store.tokens().findAll());
      this.flusher = new LastUseFlusher(index, store);
    } finally {
      writeLock.unlock();
    }
  }

  /**
   * @throws StoreUnavailableException when the store cannot vouch that this node is current
   */
  @Override
  public AuthenticationResult authenticate(String presented) {
    if (!store.isCurrent()) {
      throw new StoreUnavailableException();
    }
    if (presented == null || presented.isEmpty()) {
      return AuthenticationResult.UNKNOWN;
    }
    TokenIndex.Entry entry = index.find(hasher.hash(presented));
    if (entry == null || entry.token.status() != TokenStatus.ACTIVE) {
      return AuthenticationResult.UNKNOWN;
    }
    long now = clock.millis();
    if (!entry.token.expiry().isValidAtMillis(now)) {
      return new AuthenticationResult.Expired(entry.token);
    }
    if (trackLastUse) {
      entry.touch(now);
    }
    return new AuthenticationResult.Authenticated(entry.token);
  }

  /**
   * @throws StoreUnavailableException when the store cannot vouch that this node is current
   */
  @Override
  public AuthorizationResult authorize(String presented, Permission required) {
    AuthenticationResult authentication = authenticate(presented);
    if (!authentication.isAuthenticated()) {
      return authentication == AuthenticationResult.UNKNOWN
          ? AuthorizationResult.UNKNOWN
          : new AuthorizationResult.Unauthenticated(authentication);
    }
    Token token = authentication.token();
    return token.permissions().grants(required)
        ? new AuthorizationResult.Allowed(token)
        : new AuthorizationResult.Forbidden(token);
  }

  /** The resource types resource tokens may name. */
  public ResourceTypes resourceTypes() {
    return resourceTypes;
  }

  @Override
  public IssuedToken createOperatorToken() {
    return createOperatorToken(Actor.BOOTSTRAP);
  }

  /**
   * Creates {@code _admin} on the authority of an out-of-band channel (offline recovery), recorded
   * in the audit log as {@code actor}; otherwise as {@link #createOperatorToken()}.
   */
  public IssuedToken createOperatorToken(Actor actor) {
    return issuing(tx -> changes.createOperator(tx, actor));
  }

  @Override
  public IssuedToken createOperatorToken(RequestOrigin origin) {
    return createOperatorToken(Actor.BOOTSTRAP.withOrigin(origin));
  }

  @Override
  public IssuedToken regenerateOperatorToken(TokenSecret authorisedBy) {
    return regenerateOperatorToken(authorisedBy, null);
  }

  @Override
  public IssuedToken regenerateOperatorToken(TokenSecret authorisedBy, RequestOrigin origin) {
    return locked(
        () -> {
          AuthenticationResult result = authenticate(authorisedBy.value());
          if (!result.isAuthenticated()) {
            throw new NotAuthenticatedException();
          }
          if (!result.token().isOperator()) {
            // Nothing to regenerate says more than "not yours to regenerate".
            if (store.tokens().findByName(TokenName.OPERATOR).isEmpty()) {
              throw new OperatorTokenMissingException();
            }
            throw new ForbiddenException();
          }
          Token operator = result.token();
          return regenerate(Actor.token(operator).withOrigin(origin), operator.hash(), tx -> {});
        });
  }

  @Override
  public IssuedToken regenerateOperatorTokenOutOfBand(Actor actor) {
    return regenerateOperatorTokenOutOfBand(actor, tx -> {});
  }

  /**
   * As {@link #regenerateOperatorTokenOutOfBand(Actor)}, running {@code alsoInTheTransaction} in
   * the regeneration's transaction after its write: when it throws, {@code _admin} keeps its
   * secret.
   */
  IssuedToken regenerateOperatorTokenOutOfBand(
      Actor actor, Consumer<StoreTransaction> alsoInTheTransaction) {
    return locked(() -> regenerate(actor, null, alsoInTheTransaction));
  }

  /** Whether this service keeps its tokens in {@code store}. */
  boolean keepsTokensIn(TokenStore store) {
    return this.store == store;
  }

  private IssuedToken regenerate(
      Actor actor, TokenHash expected, Consumer<StoreTransaction> alsoInTheTransaction) {
    TokenSecret secret = generator.generate();
    TokenHash replacement = hasher.hash(secret.value());
    Token updated =
        store.inTransaction(
            tx -> {
              Token regenerated = changes.regenerate(tx, actor, expected, replacement);
              alsoInTheTransaction.accept(tx);
              return regenerated;
            });
    index.put(updated);
    return new IssuedToken(updated, secret);
  }

  @Override
  public IssuedToken createNamedAdminToken(CreateNamedAdminTokenCommand command) {
    return issuing(tx -> changes.createNamedAdmin(tx, command));
  }

  @Override
  public IssuedToken createResourceToken(CreateResourceTokenCommand command) {
    return issuing(tx -> changes.createResource(tx, command));
  }

  @Override
  public Token deleteToken(TokenName name, Actor actor) {
    return locked(
        () -> {
          Token deleted = store.inTransaction(tx -> changes.delete(tx, name, actor));
          index.remove(deleted.id());
          return deleted;
        });
  }

  /** Every token, each with the later of its stored last use and the one this node knows. */
  @Override
  public List<Token> listTokens() {
    List<Token> stored = store.tokens().findAll();
    List<Token> listed = new ArrayList<>(stored.size());
    for (Token token : stored) {
      listed.add(index.withLastUse(token));
    }
    return listed;
  }

  /** Whether authentication notes last use (see the constructor). */
  public boolean tracksLastUse() {
    return trackLastUse;
  }

  /**
   * Writes every last use the store does not hold yet in one batch ({@link
   * TokenStore#recordLastUse}); one flush at a time. When the store fails, the exception
   * propagates, nothing is marked written, and the next flush tries again: the caller logs it.
   *
   * @return how many tokens' last use it wrote
   */
  public int flushLastUse() {
    return flusher.flush();
  }

  @Override
  public ImportResult importToken(
      TokenName name, TokenSecret secret, Expiry expiry, Permissions permissions) {
    ManagementRules.checkImportable(name, expiry, permissions, resourceTypes);
    TokenHash hash = hasher.hash(secret.value());
    return locked(
        () -> {
          ImportResult result =
              store.inTransaction(tx -> changes.importToken(tx, name, hash, expiry, permissions));
          result.token().ifPresent(index::put);
          return result;
        });
  }

  @Override
  public Token updateToken(UpdateTokenCommand command) {
    return locked(
        () -> {
          Token updated = store.inTransaction(tx -> changes.update(tx, command));
          index.put(updated);
          return updated;
        });
  }

  @Override
  public UUID clusterId() {
    return store.clusterId();
  }

  @Override
  public TokenCounts tokenCounts() {
    return index.counts();
  }

  /** One indexed read, then whether the store can vouch that this node's view is current. */
  @Override
  public StoreStatus checkStore() {
    store.tokens().findByName(TokenName.OPERATOR);
    return store.isCurrent() ? StoreStatus.CURRENT : StoreStatus.STALE;
  }

  @Override
  public OptionalLong storeLagMillis() {
    return store.lagMillis();
  }

  /** How many tokens the in-memory index holds. */
  public int indexedTokenCount() {
    return index.size();
  }

  /**
   * Brings the index's view of token {@code id} up to the store's committed one, after another node
   * changed it: replaced while it exists, removed once it does not.
   */
  private void refresh(TokenId id) {
    writeLock.lock();
    try {
      if (index == null) {
        return; // called back while the constructor registers: the load that follows reads it
      }
      Optional<Token> current = store.tokens().findById(id);
      if (current.isPresent()) {
        index.put(current.get());
      } else {
        index.remove(id);
      }
    } finally {
      writeLock.unlock();
    }
  }

  /** Runs {@code work} in one transaction, then indexes the token it issued. */
  private IssuedToken issuing(Function<StoreTransaction, IssuedToken> work) {
    return locked(
        () -> {
          IssuedToken issued = store.inTransaction(work);
          index.put(issued.token());
          return issued;
        });
  }

  private <T> T locked(Supplier<T> write) {
    writeLock.lock();
    try {
      return write.get();
    } finally {
      writeLock.unlock();
    }
  }
}
