package io.tollgate.core.service;

import io.tollgate.core.domain.Description;
import io.tollgate.core.domain.NewToken;
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
import java.util.concurrent.atomic.AtomicInteger;

/** Counts every call that reaches the repository. */
class CountingRepository implements TokenRepository {

  private final TokenRepository delegate;
  private final AtomicInteger calls = new AtomicInteger();

  CountingRepository(TokenRepository delegate) {
    this.delegate = delegate;
  }

  int calls() {
    return calls.get();
  }

  @Override
  public Token insert(NewToken token) {
    calls.incrementAndGet();
    return delegate.insert(token);
  }

  @Override
  public Token insertImported(NewToken token) {
    calls.incrementAndGet();
    return delegate.insertImported(token);
  }

  @Override
  public boolean wasImported(TokenHash hash) {
    calls.incrementAndGet();
    return delegate.wasImported(hash);
  }

  @Override
  public Optional<Token> findByName(TokenName name) {
    calls.incrementAndGet();
    return delegate.findByName(name);
  }

  @Override
  public Optional<Token> findById(TokenId id) {
    calls.incrementAndGet();
    return delegate.findById(id);
  }

  @Override
  public Optional<Token> findByHash(TokenHash hash) {
    calls.incrementAndGet();
    return delegate.findByHash(hash);
  }

  @Override
  public List<Token> findAll() {
    calls.incrementAndGet();
    return delegate.findAll();
  }

  @Override
  public Optional<Token> replaceHash(
      TokenId id, TokenHash expected, TokenHash replacement, Instant updatedAt, TokenId updatedBy) {
    calls.incrementAndGet();
    return delegate.replaceHash(id, expected, replacement, updatedAt, updatedBy);
  }

  @Override
  public Optional<Token> updateDetails(
      TokenName name,
      Description description,
      TokenStatus status,
      Instant updatedAt,
      TokenId updatedBy) {
    calls.incrementAndGet();
    return delegate.updateDetails(name, description, status, updatedAt, updatedBy);
  }

  @Override
  public Optional<Token> deleteByName(TokenName name) {
    calls.incrementAndGet();
    return delegate.deleteByName(name);
  }

  @Override
  public UUID clusterId() {
    calls.incrementAndGet();
    return delegate.clusterId();
  }
}
