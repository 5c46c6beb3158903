package io.tollgate.core.service;

import io.tollgate.core.domain.Description;
import io.tollgate.core.domain.NewToken;
import io.tollgate.core.domain.StoreException;
import io.tollgate.core.domain.Token;
import io.tollgate.core.domain.TokenHash;
import io.tollgate.core.domain.TokenId;
import io.tollgate.core.domain.TokenName;
import io.tollgate.core.domain.TokenStatus;
import io.tollgate.core.port.out.TokenRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Reads pass through; writes fail like a full disk once {@link #failWrites()} is called. */
class FailingRepository implements TokenRepository {

  private final TokenRepository delegate;
  private volatile boolean failing;

  FailingRepository(TokenRepository delegate) {
    this.delegate = delegate;
  }

  void failWrites() {
    failing = true;
  }

  private void maybeFail() {
    if (failing) {
      throw new StoreException("disk full: /tmp/test/tollgate.db");
    }
  }

  @Override
  public Token insert(NewToken token) {
    maybeFail();
    return delegate.insert(token);
  }

  @Override
  public Token insertImported(NewToken token) {
    maybeFail();
    return delegate.insertImported(token);
  }

  @Override
  public boolean wasImported(TokenHash hash) {
    return delegate.wasImported(hash);
  }

  @Override
  public Optional<Token> findByName(TokenName name) {
    return delegate.findByName(name);
  }

  @Override
  public Optional<Token> findById(TokenId id) {
    return delegate.findById(id);
  }

  @Override
  public Optional<Token> findByHash(TokenHash hash) {
    return delegate.findByHash(hash);
  }

  @Override
  public List<Token> findAll() {
    return delegate.findAll();
  }

  @Override
  public Optional<Token> replaceHash(
      TokenId id, TokenHash expected, TokenHash replacement, Instant updatedAt, TokenId updatedBy) {
    maybeFail();
    return delegate.replaceHash(id, expected, replacement, updatedAt, updatedBy);
  }

  @Override
  public Optional<Token> updateDetails(
      TokenName name,
      Description description,
      TokenStatus status,
      Instant updatedAt,
      TokenId updatedBy) {
    maybeFail();
    return delegate.updateDetails(name, description, status, updatedAt, updatedBy);
  }

  @Override
  public Optional<Token> deleteByName(TokenName name) {
    maybeFail();
    return delegate.deleteByName(name);
  }

  @Override
  public UUID clusterId() {
    return delegate.clusterId();
  }
}
