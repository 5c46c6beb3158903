package io.tollgate.core.domain;

import java.time.Instant;
import java.util.Optional;

/**
 * A stored token: everything but its secret. {@link #permissions()} says what it may do: {@code
 * *:*:*} for admin tokens ({@code _admin} and named admin tokens), a list of resource permissions
 * for resource tokens. {@code createdBy}, {@code updatedAt}, {@code updatedBy}, {@code description}
 * and {@code lastUsedAt} may be null. {@code lastUsedAt} is when it last authenticated as far as
 * the store knows (written in batches, SPEC section 10), null for never; it is no change to the
 * token and leaves {@code updatedAt} alone.
 */
public record Token(
    TokenId id,
    TokenName name,
    TokenHash hash,
    Instant createdAt,
    TokenId createdBy,
    Instant updatedAt,
    TokenId updatedBy,
    Expiry expiry,
    Description description,
    TokenStatus status,
    Permissions permissions,
    Instant lastUsedAt) {

  /** What an admin token may do: everything ({@code *:*:*}). */
  public static final Permissions ADMIN_PERMISSIONS = Permissions.ADMIN;

  public Token {
    requireNonNull(id, "id");
    requireNonNull(name, "name");
    requireNonNull(hash, "hash");
    requireNonNull(createdAt, "createdAt");
    requireNonNull(expiry, "expiry");
    requireNonNull(status, "status");
    requireNonNull(permissions, "permissions");
    if (name.isOperator() && !expiry.isNever()) {
      throw new InvalidExpiryException("the operator token never expires");
    }
    if (name.isOperator() && !permissions.isAdmin()) {
      throw new InvalidPermissionException("the operator token holds *:*:*");
    }
  }

  /** A token that was never used (or whose last use is not known): {@code lastUsedAt} null. */
  public Token(
      TokenId id,
      TokenName name,
      TokenHash hash,
      Instant createdAt,
      TokenId createdBy,
      Instant updatedAt,
      TokenId updatedBy,
      Expiry expiry,
      Description description,
      TokenStatus status,
      Permissions permissions) {
    this(
        id,
        name,
        hash,
        createdAt,
        createdBy,
        updatedAt,
        updatedBy,
        expiry,
        description,
        status,
        permissions,
        null);
  }

  public boolean isOperator() {
    return name.isOperator();
  }

  /** An admin token ({@code _admin} or named): holds {@code *:*:*}. */
  public boolean isAdmin() {
    return permissions.isAdmin();
  }

  /** Valid for authentication: active and not expired at {@code nowMillis}. */
  public boolean isUsableAtMillis(long nowMillis) {
    return status == TokenStatus.ACTIVE && expiry.isValidAtMillis(nowMillis);
  }

  public Optional<TokenId> createdByOptional() {
    return Optional.ofNullable(createdBy);
  }

  public Optional<Description> descriptionOptional() {
    return Optional.ofNullable(description);
  }

  public Optional<Instant> lastUsedAtOptional() {
    return Optional.ofNullable(lastUsedAt);
  }

  /** This token last used at {@code when} (null: never); nothing else changes. */
  public Token withLastUsedAt(Instant when) {
    return new Token(
        id,
        name,
        hash,
        createdAt,
        createdBy,
        updatedAt,
        updatedBy,
        expiry,
        description,
        status,
        permissions,
        when);
  }

  /** This token with a new secret's hash; id, name, created_at, expiry and last use stay. */
  public Token regenerated(TokenHash newHash, Instant now, TokenId by) {
    return new Token(
        id,
        name,
        newHash,
        createdAt,
        createdBy,
        now,
        by,
        expiry,
        description,
        status,
        permissions,
        lastUsedAt);
  }

  /** This token with new description and status. */
  public Token withDetails(
      Description newDescription, TokenStatus newStatus, Instant now, TokenId by) {
    return new Token(
        id,
        name,
        hash,
        createdAt,
        createdBy,
        now,
        by,
        expiry,
        newDescription,
        newStatus,
        permissions,
        lastUsedAt);
  }

  private static void requireNonNull(Object value, String field) {
    if (value == null) {
      throw new IllegalArgumentException("token " + field + " is required");
    }
  }
}
