package io.tollgate.core.service;

import io.tollgate.core.domain.Actor;
import io.tollgate.core.domain.Expiry;
import io.tollgate.core.domain.ForbiddenException;
import io.tollgate.core.domain.InvalidExpiryException;
import io.tollgate.core.domain.InvalidTokenNameException;
import io.tollgate.core.domain.NotAuthenticatedException;
import io.tollgate.core.domain.OperatorTokenImmutableException;
import io.tollgate.core.domain.Permissions;
import io.tollgate.core.domain.ResourceTypes;
import io.tollgate.core.domain.Token;
import io.tollgate.core.domain.TokenId;
import io.tollgate.core.domain.TokenName;
import io.tollgate.core.port.out.TokenRepository;
import java.time.Clock;
import java.util.Optional;

/**
 * Who may change tokens. A change made on the authority of a token ({@link Actor#tokenId()} set)
 * needs that token to exist, still have the secret it was authenticated with, be usable and hold
 * {@code *:*:*}: a resource token may not manage tokens. A named admin token that tries to edit or
 * delete {@code _admin} is forbidden rather than told the operator token is immutable. A change
 * without a token (bootstrap, recovery, a token file, offline commands) comes from an out-of-band
 * channel the adapter vouches for.
 */
final class ManagementRules {

  private final Clock clock;

  ManagementRules(Clock clock) {
    this.clock = clock;
  }

  /**
   * The token a change is made on the authority of, which must exist, be usable now and hold {@code
   * *:*:*}; null for an out-of-band channel. Read through {@code tokens}, the repository of the
   * transaction that makes the change, so a token deleted or deactivated meanwhile is refused.
   *
   * @throws NotAuthenticatedException if the acting token is gone, inactive or expired
   * @throws ForbiddenException if it is a resource token
   */
  Token requireAdmin(TokenRepository tokens, Actor actor) {
    TokenId id = actor.tokenId();
    if (id == null) {
      return null;
    }
    return requireAdmin(tokens.findById(id), actor);
  }

  /**
   * As {@link #requireAdmin(TokenRepository, Actor)}, and the acting token must be {@code _admin}
   * itself: what only the operator token may do.
   *
   * @throws ForbiddenException if it is another token than {@code _admin}
   */
  Token requireOperator(TokenRepository tokens, Actor actor) {
    Token acting = requireAdmin(tokens, actor);
    if (acting != null && !acting.isOperator()) {
      throw new ForbiddenException();
    }
    return acting;
  }

  /**
   * The acting token as read in the transaction that makes the change, which must exist, still have
   * the secret {@code actor} was authenticated with ({@link Actor#presentedSecretOf}), be usable
   * now and hold {@code *:*:*}.
   *
   * @throws NotAuthenticatedException if it is gone, regenerated, inactive or expired
   * @throws ForbiddenException if it is a resource token
   */
  Token requireAdmin(Optional<Token> read, Actor actor) {
    long nowMillis = clock.millis();
    Token acting =
        read.filter(actor::presentedSecretOf)
            .filter(token -> token.isUsableAtMillis(nowMillis))
            .orElseThrow(NotAuthenticatedException::new);
    if (!acting.isAdmin()) {
      throw new ForbiddenException();
    }
    return acting;
  }

  /**
   * Nobody edits or deletes {@code _admin}: a named admin token is told it is not allowed (403),
   * {@code _admin} itself and out-of-band channels that the operator token is immutable (405).
   */
  static RuntimeException operatorUntouchable(
      Token acting, OperatorTokenImmutableException immutable) {
    return acting != null && !acting.isOperator() ? new ForbiddenException() : immutable;
  }

  /**
   * What a token file may bring: the operator token only as {@code *:*:*} that never expires, and
   * only resource types, actions and names that {@code types} has.
   */
  static void checkImportable(
      TokenName name, Expiry expiry, Permissions permissions, ResourceTypes types) {
    if (name.isOperator() && !expiry.isNever()) {
      throw new InvalidExpiryException("the operator token never expires");
    }
    if (name.isOperator() && !permissions.isAdmin()) {
      throw new InvalidTokenNameException(
          "token name " + name.value() + " is reserved for the operator token, which holds *:*:*");
    }
    if (!permissions.isAdmin()) {
      types.check(permissions);
    }
  }
}
