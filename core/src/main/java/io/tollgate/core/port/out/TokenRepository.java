package io.tollgate.core.port.out;

import io.tollgate.core.domain.Description;
import io.tollgate.core.domain.NewToken;
import io.tollgate.core.domain.Token;
import io.tollgate.core.domain.TokenHash;
import io.tollgate.core.domain.TokenId;
import io.tollgate.core.domain.TokenName;
import io.tollgate.core.domain.TokenNameAlreadyExistsException;
import io.tollgate.core.domain.TokenStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Where tokens are kept. Every method is atomic: it either commits entirely or changes nothing and
 * throws. Technical failures are {@link io.tollgate.core.domain.StoreException}s.
 */
public interface TokenRepository {

  /**
   * Stores a token under the next id: ids increase from 0 and are never reused, not even after a
   * delete or a restart.
   *
   * @throws io.tollgate.core.domain.TokenNameAlreadyExistsException if the name is taken
   */
  Token insert(NewToken token);

  /**
   * Stores a token as {@link #insert} does, then reads the token {@code id} as it stands after that
   * insert: a change made on the authority of a token stores the change first and then checks that
   * token, so that a store shared by several nodes, whose inserts wait for its write lock, checks
   * it as every change committed before the insert left it. A store may do both in one step (one
   * round trip to a database server).
   *
   * @return the stored token, or empty when the name is taken (nothing is stored then, and {@link
   *     #insert} of the same token throws why); and the token {@code id}, or empty if there is none
   */
  default InsertThenRead insertThenRead(NewToken token, TokenId id) {
    Optional<Token> stored;
    try {
      stored = Optional.of(insert(token));
    } catch (TokenNameAlreadyExistsException taken) {
      stored = Optional.empty();
    }
    return new InsertThenRead(stored, findById(id));
  }

  /**
   * Stores a token made elsewhere (a token file) as {@link #insert} does and, in the same atomic
   * step, remembers its hash as imported, for good: deleting the token later does not forget it.
   *
   * @throws io.tollgate.core.domain.TokenNameAlreadyExistsException if the name is taken
   * @throws RuntimeException (a {@link io.tollgate.core.domain.StoreException} in a durable store)
   *     if that hash was imported before; nothing is stored then
   */
  Token insertImported(NewToken token);

  /** Whether a token with this hash was ever stored by {@link #insertImported}, deleted or not. */
  boolean wasImported(TokenHash hash);

  Optional<Token> findByName(TokenName name);

  Optional<Token> findById(TokenId id);

  Optional<Token> findByHash(TokenHash hash);

  /** Every token, ordered by id. */
  List<Token> findAll();

  /**
   * Replaces a token's hash if, and only if, its current hash is {@code expected}; sets updated_at
   * and updated_by. {@code updatedBy} may be null.
   *
   * @return the updated token, or empty when no token has that id and hash
   */
  Optional<Token> replaceHash(
      TokenId id, TokenHash expected, TokenHash replacement, Instant updatedAt, TokenId updatedBy);

  /**
   * Sets description (null clears it) and status, updated_at and updated_by.
   *
   * @return the updated token, or empty when no token has that name
   */
  Optional<Token> updateDetails(
      TokenName name,
      Description description,
      TokenStatus status,
      Instant updatedAt,
      TokenId updatedBy);

  /**
   * @return the deleted token, or empty when no token had that name
   */
  Optional<Token> deleteByName(TokenName name);

  /** This store's identity, created once with the store and kept. */
  UUID clusterId();
}
