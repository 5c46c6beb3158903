package io.tollgate.core.service;

import io.tollgate.core.domain.Actor;
import io.tollgate.core.domain.AuditEntry;
import io.tollgate.core.domain.AuthenticationResult;
import io.tollgate.core.domain.AuthorizationResult;
import io.tollgate.core.domain.Description;
import io.tollgate.core.domain.Expiry;
import io.tollgate.core.domain.ForbiddenException;
import io.tollgate.core.domain.InvalidExpiryException;
import io.tollgate.core.domain.IssuedToken;
import io.tollgate.core.domain.Lifetime;
import io.tollgate.core.domain.NewToken;
import io.tollgate.core.domain.NotAuthenticatedException;
import io.tollgate.core.domain.OperatorTokenImmutableException;
import io.tollgate.core.domain.OperatorTokenMissingException;
import io.tollgate.core.domain.Permission;
import io.tollgate.core.domain.Permissions;
import io.tollgate.core.domain.ResourceTypes;
import io.tollgate.core.domain.StoreException;
import io.tollgate.core.domain.Token;
import io.tollgate.core.domain.TokenHash;
import io.tollgate.core.domain.TokenName;
import io.tollgate.core.domain.TokenNameAlreadyExistsException;
import io.tollgate.core.domain.TokenNotFoundException;
import io.tollgate.core.domain.TokenSecret;
import io.tollgate.core.domain.TokenStatus;
import io.tollgate.core.port.in.CreateNamedAdminTokenUseCase.CreateNamedAdminTokenCommand;
import io.tollgate.core.port.in.CreateResourceTokenUseCase.CreateResourceTokenCommand;
import io.tollgate.core.port.in.ImportTokenUseCase.ImportOutcome;
import io.tollgate.core.port.in.ImportTokenUseCase.ImportResult;
import io.tollgate.core.port.in.ServiceStatusUseCase.StoreStatus;
import io.tollgate.core.port.in.ServiceStatusUseCase.TokenCounts;
import io.tollgate.core.port.in.TokenAuthority;
import io.tollgate.core.port.in.UpdateTokenUseCase.UpdateTokenCommand;
import io.tollgate.core.port.out.AuditLog;
import io.tollgate.core.port.out.SecretGenerator;
import io.tollgate.core.port.out.TokenHasher;
import io.tollgate.core.port.out.TokenRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Every token rule of Tollgate, behind the use-case interfaces. Thread-safe: writes are serialised
 * and reach the in-memory index only after the repository committed them; authentication and
 * authorization read the index without locking and never touch the repository. Who may change
 * tokens is decided by {@link ManagementRules}; only {@code _admin} itself may regenerate {@code
 * _admin}.
 */
public final class TokenService implements TokenAuthority {

  private final TokenRepository repository;
  private final TokenHasher hasher;
  private final SecretGenerator generator;
  private final Clock clock;
  private final AuditLog audit;
  private final ResourceTypes resourceTypes;
  private final TokenIndex index;
  private final ManagementRules rules;
  private final ReentrantLock writeLock = new ReentrantLock();

  /** Builds the in-memory index from everything the repository holds. */
  public TokenService(
      TokenRepository repository, TokenHasher hasher, SecretGenerator generator, Clock clock) {
    this(repository, hasher, generator, clock, AuditLog.NONE);
  }

  /** As above, recording every change in {@code audit} after it committed. */
  public TokenService(
      TokenRepository repository,
      TokenHasher hasher,
      SecretGenerator generator,
      Clock clock,
      AuditLog audit) {
    this(repository, hasher, generator, clock, audit, ResourceTypes.builtIn());
  }

  /** As above, resource tokens naming the types of {@code resourceTypes}. */
  public TokenService(
      TokenRepository repository,
      TokenHasher hasher,
      SecretGenerator generator,
      Clock clock,
      AuditLog audit,
      ResourceTypes resourceTypes) {
    this.repository = repository;
    this.resourceTypes = resourceTypes;
    this.audit = audit;
    this.hasher = hasher;
    this.generator = generator;
    this.clock = clock;
    this.index = new TokenIndex(repository.findAll());
    this.rules = new ManagementRules(repository, clock);
  }

  @Override
  public AuthenticationResult authenticate(String presented) {
    if (presented == null || presented.isEmpty()) {
      return AuthenticationResult.UNKNOWN;
    }
    Token token = index.find(hasher.hash(presented));
    if (token == null || token.status() != TokenStatus.ACTIVE) {
      return AuthenticationResult.UNKNOWN;
    }
    if (!token.expiry().isValidAtMillis(clock.millis())) {
      return new AuthenticationResult.Expired(token);
    }
    return new AuthenticationResult.Authenticated(token);
  }

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
    return locked(
        () -> {
          if (repository.findByName(TokenName.OPERATOR).isPresent()) {
            throw new TokenNameAlreadyExistsException(TokenName.OPERATOR);
          }
          return issue(TokenName.OPERATOR, Expiry.NEVER, null, actor, now(), Permissions.ADMIN);
        });
  }

  @Override
  public IssuedToken regenerateOperatorToken(TokenSecret authorisedBy) {
    return locked(
        () -> {
          AuthenticationResult result = authenticate(authorisedBy.value());
          if (!result.isAuthenticated()) {
            throw new NotAuthenticatedException();
          }
          if (!result.token().isOperator()) {
            // Nothing to regenerate says more than "not yours to regenerate".
            if (repository.findByName(TokenName.OPERATOR).isEmpty()) {
              throw new OperatorTokenMissingException();
            }
            throw new ForbiddenException();
          }
          return regenerate(Actor.token(result.token()));
        });
  }

  @Override
  public IssuedToken regenerateOperatorTokenOutOfBand(Actor actor) {
    return locked(() -> regenerate(actor));
  }

  private IssuedToken regenerate(Actor actor) {
    Token operator =
        repository.findByName(TokenName.OPERATOR).orElseThrow(OperatorTokenMissingException::new);
    TokenSecret secret = generator.generate();
    TokenHash hash = hasher.hash(secret.value());
    Instant now = now();
    Token updated =
        audited(
            "regenerated",
            TokenName.OPERATOR,
            actor,
            now,
            () ->
                repository
                    .replaceHash(operator.id(), operator.hash(), hash, now, actor.tokenId())
                    .orElseThrow(
                        () ->
                            new StoreException("the operator token changed during regeneration")));
    index.replace(operator, updated);
    return new IssuedToken(updated, secret);
  }

  @Override
  public IssuedToken createNamedAdminToken(CreateNamedAdminTokenCommand command) {
    return locked(
        () -> {
          rules.requireAdmin(command.actor());
          return create(
              command.name(),
              command.lifetime(),
              command.description(),
              command.actor(),
              Permissions.ADMIN);
        });
  }

  @Override
  public IssuedToken createResourceToken(CreateResourceTokenCommand command) {
    return locked(
        () -> {
          rules.requireAdmin(command.actor());
          resourceTypes.check(command.permissions());
          return create(
              command.name(),
              command.lifetime(),
              command.description(),
              command.actor(),
              command.permissions());
        });
  }

  /**
   * Stores a new token under the write lock. No read first: the repository's insert refuses a taken
   * name itself (TokenNameAlreadyExistsException), in the same transaction that would store it. A
   * taken name still wins over an invalid expiry, as when the name was looked up first.
   */
  private IssuedToken create(
      TokenName name,
      Lifetime lifetime,
      Description description,
      Actor actor,
      Permissions permissions) {
    Instant createdAt = now();
    Expiry expiry;
    try {
      expiry = lifetime.expiryFrom(createdAt);
    } catch (InvalidExpiryException e) {
      if (repository.findByName(name).isPresent()) {
        throw new TokenNameAlreadyExistsException(name);
      }
      throw e;
    }
    return issue(name, expiry, description, actor, createdAt, permissions);
  }

  /** Stores a new token created at {@code createdAt}, the instant its expiry was counted from. */
  private IssuedToken issue(
      TokenName name,
      Expiry expiry,
      Description description,
      Actor actor,
      Instant createdAt,
      Permissions permissions) {
    TokenSecret secret = generator.generate();
    NewToken draft =
        new NewToken(
            name,
            hasher.hash(secret.value()),
            createdAt,
            actor.tokenId(),
            expiry,
            description,
            permissions);
    Token stored = audited("created", name, actor, createdAt, () -> repository.insert(draft));
    index.put(stored);
    return new IssuedToken(stored, secret);
  }

  @Override
  public Token deleteToken(TokenName name, Actor actor) {
    return locked(
        () -> {
          Token acting = rules.requireAdmin(actor);
          if (name.isOperator()) {
            throw ManagementRules.operatorUntouchable(
                acting, OperatorTokenImmutableException.cannotDelete());
          }
          Token deleted =
              audited(
                  "deleted",
                  name,
                  actor,
                  now(),
                  () ->
                      repository
                          .deleteByName(name)
                          .orElseThrow(() -> new TokenNotFoundException(name)));
          index.remove(deleted);
          return deleted;
        });
  }

  @Override
  public List<Token> listTokens() {
    return repository.findAll();
  }

  @Override
  public ImportResult importToken(
      TokenName name, TokenSecret secret, Expiry expiry, Permissions permissions) {
    ManagementRules.checkImportable(name, expiry, permissions, resourceTypes);
    return locked(
        () -> {
          TokenHash hash = hasher.hash(secret.value());
          if (repository.findByName(name).isPresent()) {
            return ImportResult.skipped(ImportOutcome.NAME_EXISTS);
          }
          if (index.find(hash) != null) {
            return ImportResult.skipped(ImportOutcome.SECRET_EXISTS);
          }
          if (repository.wasImported(hash)) {
            return ImportResult.skipped(ImportOutcome.IMPORTED_BEFORE_AND_DELETED);
          }
          Instant now = now();
          NewToken draft =
              new NewToken(name, hash, now, Actor.TOKEN_FILE.tokenId(), expiry, null, permissions);
          Token stored =
              audited(
                  "imported", name, Actor.TOKEN_FILE, now, () -> repository.insertImported(draft));
          index.put(stored);
          return ImportResult.imported(stored);
        });
  }

  @Override
  public Token updateToken(UpdateTokenCommand command) {
    return locked(
        () -> {
          Token acting = rules.requireAdmin(command.actor());
          if (command.name().isOperator()) {
            throw ManagementRules.operatorUntouchable(
                acting, OperatorTokenImmutableException.cannotEdit());
          }
          Token current =
              repository
                  .findByName(command.name())
                  .orElseThrow(() -> new TokenNotFoundException(command.name()));
          Instant now = now();
          Token updated =
              audited(
                  "updated",
                  command.name(),
                  command.actor(),
                  now,
                  () ->
                      repository
                          .updateDetails(
                              command.name(),
                              command.description().orElse(current.description()),
                              command.status().orElse(current.status()),
                              now,
                              command.actor().tokenId())
                          .orElseThrow(() -> new TokenNotFoundException(command.name())));
          index.replace(current, updated);
          return updated;
        });
  }

  @Override
  public UUID clusterId() {
    return repository.clusterId();
  }

  @Override
  public TokenCounts tokenCounts() {
    return index.counts();
  }

  /** One indexed read; a {@link TokenRepository} belongs to this process, so it is current. */
  @Override
  public StoreStatus checkStore() {
    repository.findByName(TokenName.OPERATOR);
    return StoreStatus.CURRENT;
  }

  /** How many tokens the in-memory index holds. */
  public int indexedTokenCount() {
    return index.size();
  }

  /**
   * Runs one write of the repository with its audit entry: in the same transaction where the store
   * keeps the audit log itself, so the entry exists exactly when the change does.
   */
  private <T> T audited(String action, TokenName name, Actor actor, Instant at, Supplier<T> write) {
    return audit.recordWith(new AuditEntry(at, action, name.value(), actor), write);
  }

  private Instant now() {
    return Instant.ofEpochMilli(clock.millis());
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
