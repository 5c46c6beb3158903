package io.tollgate.core.domain;

import java.time.Instant;
import java.util.Optional;

/**
 * A stored token: everything but its secret. {@link #permissions()} says what it may do: {@code
 * *:*:*} for admin tokens ({@code _admin} and named admin tokens), a list of resource permissions
 * for resource tokens. {@code createdBy}, {@code updatedAt}, {@code updatedBy} and {@code
 * description} may be null.
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
    Permissions permissions) {

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

  /** This token with a new secret's hash; id, name, created_at and expiry stay. */
  public Token regenerated(TokenHash newHash, Instant now, TokenId by) {
    return new Token(
        id, name, newHash, createdAt, createdBy, now, by, expiry, description, status, permissions);
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
        permissions);
  }

  private static void requireNonNull(Object value, String field) {
    if (value == null) {
      throw new IllegalArgumentException("token " + field + " is required");
    }
  }
}
