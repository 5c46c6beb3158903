package io.tollgate.sqlite;

import io.tollgate.core.domain.Description;
import io.tollgate.core.domain.Token;
import io.tollgate.core.domain.TokenId;
import java.time.Instant;

/**
 * A token as the {@code tokens} table stores it: times in epoch milliseconds, the hash as its
 * algorithm tag and raw digest bytes. Bound to SQL by its accessors.
 */
record TokenColumns(
    long id,
    String name,
    String hashAlgorithm,
    byte[] hash,
    long createdAt,
    Long createdBy,
    Long updatedAt,
    Long updatedBy,
    Long expiry,
    String description,
    String status,
    String permissions,
    Long lastUsedAt) {

  static TokenColumns of(Token token) {
    return new TokenColumns(
        token.id().value(),
        token.name().value(),
        token.hash().algorithm(),
        token.hash().digest(),
        token.createdAt().toEpochMilli(),
        idOrNull(token.createdBy()),
        millisOrNull(token.updatedAt()),
        idOrNull(token.updatedBy()),
        token.expiry().asInstant().map(Instant::toEpochMilli).orElse(null),
        token.description() == null ? null : token.description().value(),
        token.status().wireName(),
        token.permissions().text(),
        millisOrNull(token.lastUsedAt()));
  }

  static Long idOrNull(TokenId id) {
    return id == null ? null : id.value();
  }

  static Long millisOrNull(Instant instant) {
    return instant == null ? null : instant.toEpochMilli();
  }

  static String textOrNull(Description description) {
    return description == null ? null : description.value();
  }

  @Override
  public String toString() {
    return "TokenColumns[id=" + id + ", name=" + name + "]";
  }
}
