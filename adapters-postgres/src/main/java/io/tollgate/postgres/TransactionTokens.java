package io.tollgate.postgres;

import io.tollgate.core.domain.Description;
import io.tollgate.core.domain.NewToken;
import io.tollgate.core.domain.StoreException;
import io.tollgate.core.domain.Token;
import io.tollgate.core.domain.TokenHash;
import io.tollgate.core.domain.TokenId;
import io.tollgate.core.domain.TokenName;
import io.tollgate.core.domain.TokenNameAlreadyExistsException;
import io.tollgate.core.domain.TokenStatus;
import io.tollgate.core.port.out.InsertThenRead;
import io.tollgate.core.port.out.TokenRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * The tokens as one {@link PgTransaction} sees and changes them. Every write takes the store's
 * write lock first and records the token's id for the change log. A refused insert (name taken,
 * hash imported before) is found out without a failing statement, so the transaction stays usable
 * and nothing of the insert remains.
 */
final class TransactionTokens implements TokenRepository {

  private final PgTransaction tx;

  TransactionTokens(PgTransaction tx) {
    this.tx = tx;
  }

  @Override
  public Token insert(NewToken token) {
    return insert(token, false);
  }

  /**
   * The insert and the read in one round trip ({@link PgTransaction#insertUnderNewIdThenRead}). A
   * refused insert gives its id back, so that the insert of the same token, which says why it is
   * refused, draws it again.
   */
  @Override
  public InsertThenRead insertThenRead(NewToken token, TokenId id) {
    return tx.run(
        "cannot store token " + token.name(),
        () -> {
          InsertThenRead done = tx.insertUnderNewIdThenRead(token, id);
          if (done.stored().isEmpty()) {
            tx.handBackRefusedId();
          }
          return done;
        });
  }

  @Override
  public Token insertImported(NewToken token) {
    return insert(token, true);
  }

  private Token insert(NewToken token, boolean imported) {
    return tx.run(
        "cannot store token " + token.name(),
        () -> {
          if (!imported) {
            Optional<Token> stored = tx.insertUnderNewId(token);
            if (stored.isPresent()) {
              return stored.get();
            }
            RuntimeException refused = refusal(tx.handle(), token.name(), token.hash(), null);
            if (!(refused instanceof IdCounterBehind)) {
              tx.handBackRefusedId();
            }
            throw refused;
          }
          Handle handle = tx.handle();
          long id = tx.nextTokenId();
          if (TokenSql.wasImported(handle, token.hash())) {
            throw new StoreException(
                "the token store's database refused the token",
                "cannot store token "
                    + token.name()
                    + ": a token with the same hash was imported before",
                null);
          }
          Token stored = token.withId(TokenId.of(id));
          if (!TokenSql.insertIfAbsent(handle, stored)) {
            throw refusal(handle, stored.name(), stored.hash(), stored.id());
          }
          handle.execute(
              "INSERT INTO imported_tokens (hash_algorithm, hash, name, imported_at)"
                  + " VALUES (?, ?, ?, ?)",
              token.hash().algorithm(),
              token.hash().digest(),
              token.name().value(),
              token.createdAt().toEpochMilli());
          tx.usedTokenId(id);
          tx.changed(stored.id());
          return stored;
        });
  }

  /** Why an insert that conflicted was refused: the name, the hash, or a broken id counter. */
  private static RuntimeException refusal(
      Handle handle, TokenName name, TokenHash hash, TokenId id) {
    if (TokenSql.findByName(handle, name).isPresent()) {
      return new TokenNameAlreadyExistsException(name);
    }
    if (TokenSql.findByHash(handle, hash).isPresent()) {
      return new StoreException(
          "a constraint of the token store's database was violated",
          "cannot store token " + name + ": a token with the same hash exists already",
          null);
    }
    return new IdCounterBehind(name, id);
  }

  /** A refusal by id: the counter is not above every token id (the meta row changed by hand). */
  private static final class IdCounterBehind extends StoreException {
    private static final long serialVersionUID = 1L;

    IdCounterBehind(TokenName name, TokenId id) {
      super(
          "a constraint of the token store's database was violated",
          "cannot store token "
              + name
              + ": the id counter"
              + (id == null ? "" : " (" + id + ")")
              + " is not above every token id; the meta row was changed by hand",
          null);
    }
  }

  @Override
  public boolean wasImported(TokenHash hash) {
    return tx.run("cannot read the imported tokens", () -> TokenSql.wasImported(tx.handle(), hash));
  }

  @Override
  public Optional<Token> findByName(TokenName name) {
    return tx.run("cannot read token " + name, () -> TokenSql.findByName(tx.handle(), name));
  }

  @Override
  public Optional<Token> findById(TokenId id) {
    return tx.run("cannot read token " + id, () -> TokenSql.findById(tx.handle(), id));
  }

  @Override
  public Optional<Token> findByHash(TokenHash hash) {
    return tx.run("cannot look up a token by hash", () -> TokenSql.findByHash(tx.handle(), hash));
  }

  @Override
  public List<Token> findAll() {
    return tx.run("cannot list tokens", () -> TokenSql.findAll(tx.handle()));
  }

  @Override
  public Optional<Token> replaceHash(
      TokenId id, TokenHash expected, TokenHash replacement, Instant updatedAt, TokenId updatedBy) {
    return tx.run(
        "cannot replace the hash of token " + id,
        () -> {
          tx.lockForWrite();
          Optional<Token> updated =
              tx.handle()
                  .createQuery(
                      "UPDATE tokens SET hash_algorithm = ?, hash = ?, updated_at = ?,"
                          + " updated_by = ?"
                          + " WHERE id = ? AND hash_algorithm = ? AND hash = ?"
                          + " RETURNING "
                          + TokenSql.COLUMNS)
                  .bind(0, replacement.algorithm())
                  .bind(1, replacement.digest())
                  .bind(2, updatedAt.toEpochMilli())
                  .bind(3, TokenSql.idOrNull(updatedBy))
                  .bind(4, id.value())
                  .bind(5, expected.algorithm())
                  .bind(6, expected.digest())
                  .map((rs, ctx) -> TokenSql.map(rs))
                  .findOne();
          updated.ifPresent(token -> tx.changed(token.id()));
          return updated;
        });
  }

  @Override
  public Optional<Token> updateDetails(
      TokenName name,
      Description description,
      TokenStatus status,
      Instant updatedAt,
      TokenId updatedBy) {
    return tx.run(
        "cannot update token " + name,
        () -> {
          tx.lockForWrite();
          Optional<Token> updated =
              tx.handle()
                  .createQuery(
                      "UPDATE tokens SET description = ?, status = ?, updated_at = ?,"
                          + " updated_by = ? WHERE name = ? RETURNING "
                          + TokenSql.COLUMNS)
                  .bind(0, description == null ? null : description.value())
                  .bind(1, status.wireName())
                  .bind(2, updatedAt.toEpochMilli())
                  .bind(3, TokenSql.idOrNull(updatedBy))
                  .bind(4, name.value())
                  .map((rs, ctx) -> TokenSql.map(rs))
                  .findOne();
          updated.ifPresent(token -> tx.changed(token.id()));
          return updated;
        });
  }

  @Override
  public Optional<Token> deleteByName(TokenName name) {
    return tx.run(
        "cannot delete token " + name,
        () -> {
          tx.lockForWrite();
          Optional<Token> deleted =
              tx.handle()
                  .createQuery("DELETE FROM tokens WHERE name = ? RETURNING " + TokenSql.COLUMNS)
                  .bind(0, name.value())
                  .map((rs, ctx) -> TokenSql.map(rs))
                  .findOne();
          deleted.ifPresent(token -> tx.changed(token.id()));
          return deleted;
        });
  }

  @Override
  public UUID clusterId() {
    return tx.clusterId();
  }
}
