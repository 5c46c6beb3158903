package io.tollgate.core.service;

import io.tollgate.core.domain.Actor;
import io.tollgate.core.domain.AuditEntry;
import io.tollgate.core.domain.Description;
import io.tollgate.core.domain.Expiry;
import io.tollgate.core.domain.InvalidExpiryException;
import io.tollgate.core.domain.InvalidPermissionException;
import io.tollgate.core.domain.IssuedToken;
import io.tollgate.core.domain.Lifetime;
import io.tollgate.core.domain.NewToken;
import io.tollgate.core.domain.NotAuthenticatedException;
import io.tollgate.core.domain.OperatorTokenImmutableException;
import io.tollgate.core.domain.OperatorTokenMissingException;
import io.tollgate.core.domain.Permissions;
import io.tollgate.core.domain.ResourceTypes;
import io.tollgate.core.domain.StoreException;
import io.tollgate.core.domain.Token;
import io.tollgate.core.domain.TokenHash;
import io.tollgate.core.domain.TokenName;
import io.tollgate.core.domain.TokenNameAlreadyExistsException;
import io.tollgate.core.domain.TokenNotFoundException;
import io.tollgate.core.domain.TokenSecret;
import io.tollgate.core.port.in.CreateNamedAdminTokenUseCase.CreateNamedAdminTokenCommand;
import io.tollgate.core.port.in.CreateResourceTokenUseCase.CreateResourceTokenCommand;
import io.tollgate.core.port.in.ImportTokenUseCase.ImportOutcome;
import io.tollgate.core.port.in.ImportTokenUseCase.ImportResult;
import io.tollgate.core.port.in.UpdateTokenUseCase.UpdateTokenCommand;
import io.tollgate.core.port.out.InsertThenRead;
import io.tollgate.core.port.out.SecretGenerator;
import io.tollgate.core.port.out.StoreTransaction;
import io.tollgate.core.port.out.TokenHasher;
import java.time.Clock;
import java.time.Instant;

/**
 * The work of each change, run inside one transaction of the store: the reads that decide it, the
 * write and its audit entry. A refused change throws a domain exception, so nothing of it commits.
 * Touches no index: {@link TokenService} indexes what committed.
 */
final class TokenChanges {

  private final TokenHasher hasher;
  private final SecretGenerator generator;
  private final Clock clock;
  private final ResourceTypes resourceTypes;
  private final ManagementRules rules;

  TokenChanges(
      TokenHasher hasher, SecretGenerator generator, Clock clock, ResourceTypes resourceTypes) {
    this.hasher = hasher;
    this.generator = generator;
    this.clock = clock;
    this.resourceTypes = resourceTypes;
    this.rules = new ManagementRules(clock);
  }

  IssuedToken createOperator(StoreTransaction tx, Actor actor) {
    if (tx.tokens().findByName(TokenName.OPERATOR).isPresent()) {
      throw new TokenNameAlreadyExistsException(TokenName.OPERATOR);
    }
    return issue(
        tx, TokenName.OPERATOR, Expiry.NEVER, null, actor, now(), Permissions.ADMIN, false);
  }

  /**
   * Gives the operator the secret whose hash is {@code replacement}. With {@code expected}, only
   * while that is still the operator's hash: of two regenerations authorised by the same secret, on
   * this node or another, one wins and the other is refused as not authenticated.
   */
  Token regenerate(StoreTransaction tx, Actor actor, TokenHash expected, TokenHash replacement) {
    Instant now = now();
    Token operator =
        tx.tokens().findByName(TokenName.OPERATOR).orElseThrow(OperatorTokenMissingException::new);
    if (expected != null && !operator.hash().equals(expected)) {
      throw new NotAuthenticatedException();
    }
    Token regenerated =
        tx.tokens()
            .replaceHash(operator.id(), operator.hash(), replacement, now, actor.tokenId())
            .orElseThrow(
                () ->
                    expected != null
                        // another regeneration by the same secret committed first (another node)
                        ? new NotAuthenticatedException()
                        : new StoreException("the operator token changed during regeneration"));
    audit(tx, AuditEntry.TOKEN_REGENERATED, TokenName.OPERATOR, actor, now);
    return regenerated;
  }

  IssuedToken createNamedAdmin(StoreTransaction tx, CreateNamedAdminTokenCommand command) {
    return create(
        tx,
        command.name(),
        command.lifetime(),
        command.description(),
        command.actor(),
        Permissions.ADMIN);
  }

  IssuedToken createResource(StoreTransaction tx, CreateResourceTokenCommand command) {
    try {
      resourceTypes.check(command.permissions());
    } catch (InvalidPermissionException invalid) {
      rules.requireAdmin(tx.tokens(), command.actor()); // who may not create tokens is told that
      throw invalid;
    }
    return create(
        tx,
        command.name(),
        command.lifetime(),
        command.description(),
        command.actor(),
        command.permissions());
  }

  /**
   * Stores a new token. No read first: the repository's insert refuses a taken name itself
   * (TokenNameAlreadyExistsException), in the transaction that would store it, and the acting token
   * is read after the insert ({@link #insertChecked}). An acting token that may not create tokens
   * is told so first, then a taken name, then an invalid expiry, as when each was looked up first.
   */
  private IssuedToken create(
      StoreTransaction tx,
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
      rules.requireAdmin(tx.tokens(), actor);
      if (tx.tokens().findByName(name).isPresent()) {
        throw new TokenNameAlreadyExistsException(name);
      }
      throw e;
    }
    return issue(tx, name, expiry, description, actor, createdAt, permissions, true);
  }

  /**
   * Stores a new token created at {@code createdAt}, the instant its expiry was counted from; with
   * {@code checkActor}, on the authority of the acting token ({@link #insertChecked}).
   */
  private IssuedToken issue(
      StoreTransaction tx,
      TokenName name,
      Expiry expiry,
      Description description,
      Actor actor,
      Instant createdAt,
      Permissions permissions,
      boolean checkActor) {
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
    Token stored =
        checkActor && actor.tokenId() != null
            ? insertChecked(tx, draft, actor)
            : tx.tokens().insert(draft);
    audit(tx, AuditEntry.TOKEN_CREATED, name, actor, createdAt);
    return new IssuedToken(stored, secret);
  }

  /**
   * Stores {@code draft} on the authority of the acting token, which is checked as the insert left
   * it: on a store shared by several nodes the insert holds the write lock, so a token deleted or
   * deactivated on another node before the insert is refused, not only one changed before the
   * transaction began. A refused insert is told why after that check.
   */
  private Token insertChecked(StoreTransaction tx, NewToken draft, Actor actor) {
    InsertThenRead done = tx.tokens().insertThenRead(draft, actor.tokenId());
    rules.requireAdmin(done.read(), actor);
    return done.stored().orElseGet(() -> tx.tokens().insert(draft));
  }

  Token delete(StoreTransaction tx, TokenName name, Actor actor) {
    tx.lockForChange(); // the acting token as every change committed before this one left it
    Token acting = rules.requireAdmin(tx.tokens(), actor);
    if (name.isOperator()) {
      throw ManagementRules.operatorUntouchable(
          acting, OperatorTokenImmutableException.cannotDelete());
    }
    Token deleted =
        tx.tokens().deleteByName(name).orElseThrow(() -> new TokenNotFoundException(name));
    audit(tx, AuditEntry.TOKEN_DELETED, name, actor, now());
    return deleted;
  }

  /** Imports a checked token unless its name, its secret or an earlier import of it is known. */
  ImportResult importToken(
      StoreTransaction tx, TokenName name, TokenHash hash, Expiry expiry, Permissions permissions) {
    if (tx.tokens().findByName(name).isPresent()) {
      return ImportResult.skipped(ImportOutcome.NAME_EXISTS);
    }
    if (tx.tokens().findByHash(hash).isPresent()) {
      return ImportResult.skipped(ImportOutcome.SECRET_EXISTS);
    }
    if (tx.tokens().wasImported(hash)) {
      return ImportResult.skipped(ImportOutcome.IMPORTED_BEFORE_AND_DELETED);
    }
    Instant now = now();
    NewToken draft =
        new NewToken(name, hash, now, Actor.TOKEN_FILE.tokenId(), expiry, null, permissions);
    Token stored = tx.tokens().insertImported(draft);
    audit(tx, AuditEntry.TOKEN_IMPORTED, name, Actor.TOKEN_FILE, now);
    return ImportResult.imported(stored);
  }

  Token update(StoreTransaction tx, UpdateTokenCommand command) {
    tx.lockForChange(); // the fields kept are the token's latest, not an older read's
    Token acting = rules.requireAdmin(tx.tokens(), command.actor());
    if (command.name().isOperator()) {
      throw ManagementRules.operatorUntouchable(
          acting, OperatorTokenImmutableException.cannotEdit());
    }
    Token current =
        tx.tokens()
            .findByName(command.name())
            .orElseThrow(() -> new TokenNotFoundException(command.name()));
    Instant now = now();
    Token updated =
        tx.tokens()
            .updateDetails(
                command.name(),
                command.description().orElse(current.description()),
                command.status().orElse(current.status()),
                now,
                command.actor().tokenId())
            .orElseThrow(() -> new TokenNotFoundException(command.name()));
    audit(tx, AuditEntry.TOKEN_UPDATED, command.name(), command.actor(), now);
    return updated;
  }

  private static void audit(
      StoreTransaction tx, String action, TokenName name, Actor actor, Instant at) {
    tx.audit(new AuditEntry(at, action, name.value(), actor));
  }

  private Instant now() {
    return Instant.ofEpochMilli(clock.millis());
  }
}
