package io.tollgate.core.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One line of the audit trail (SPEC section 10): when, what ({@link #ACTIONS}), to which token
 * name, by whom, through which request, and for a refused request the presented credential's
 * fingerprint and how many identical refusals the entry stands for. Never carries a secret: a
 * failed credential appears only as its fingerprint, checked here to be 16 lower-case hex digits.
 *
 * @param at when (UTC, millisecond precision)
 * @param action one of {@link #ACTIONS}
 * @param tokenName the token acted on, null when none (a recovery code, a failed authentication)
 * @param actor who, without its request: the request is {@code origin}
 * @param origin the request, null outside one
 * @param credentialFp {@code auth.failed} and {@code authz.denied} only: the presented credential's
 *     fingerprint; null otherwise
 * @param count how many refusals the entry stands for (coalesced); 1 for every change
 */
public record AuditEntry(
    Instant at,
    String action,
    String tokenName,
    Actor actor,
    RequestOrigin origin,
    String credentialFp,
    long count) {

  public static final String TOKEN_CREATED = "token.created";
  public static final String TOKEN_REGENERATED = "token.regenerated";
  public static final String TOKEN_DELETED = "token.deleted";
  public static final String TOKEN_UPDATED = "token.updated";
  public static final String TOKEN_IMPORTED = "token.imported";
  public static final String RECOVERY_CODE_ISSUED = "recovery_code.issued";
  public static final String RECOVERY_CODE_SPENT = "recovery_code.spent";
  public static final String AUTH_FAILED = "auth.failed";
  public static final String AUTHZ_DENIED = "authz.denied";

  /** Every action the audit records, in the order SPEC section 10 names them. */
  public static final List<String> ACTIONS =
      List.of(
          TOKEN_CREATED,
          TOKEN_REGENERATED,
          TOKEN_DELETED,
          TOKEN_UPDATED,
          TOKEN_IMPORTED,
          RECOVERY_CODE_ISSUED,
          RECOVERY_CODE_SPENT,
          AUTH_FAILED,
          AUTHZ_DENIED);

  private static final Pattern FINGERPRINT = Pattern.compile("[0-9a-f]{16}");

  public AuditEntry {
    if (at == null || action == null || actor == null) {
      throw new IllegalArgumentException("audit entries need a time, an action and an actor");
    }
    if (!ACTIONS.contains(action)) {
      throw new IllegalArgumentException("unknown audit action: " + action);
    }
    boolean refusal = isRefusal(action);
    if (refusal != (credentialFp != null)) {
      throw new IllegalArgumentException(
          "a credential fingerprint goes with auth.failed and authz.denied, and only with them");
    }
    if (credentialFp != null && !FINGERPRINT.matcher(credentialFp).matches()) {
      // not quoted: it might be a secret passed by mistake
      throw new IllegalArgumentException("a credential fingerprint is 16 lower-case hex digits");
    }
    if (count < 1 || (!refusal && count != 1)) {
      throw new IllegalArgumentException("count is 1 for a change and at least 1 for a refusal");
    }
    at = Instant.ofEpochMilli(at.toEpochMilli());
    if (origin == null) {
      origin = actor.origin();
    }
    actor = actor.withoutOrigin();
  }

  /** A change by {@code actor}, through {@code actor}'s request if it has one. */
  public AuditEntry(Instant at, String action, String tokenName, Actor actor) {
    this(at, action, tokenName, actor, null, null, 1);
  }

  /** Whether {@code action} is a refused request ({@code auth.failed}, {@code authz.denied}). */
  public static boolean isRefusal(String action) {
    return AUTH_FAILED.equals(action) || AUTHZ_DENIED.equals(action);
  }

  public Optional<RequestOrigin> originOptional() {
    return Optional.ofNullable(origin);
  }

  /** The request's client address, as a store keeps it: null outside a request. */
  public String clientAddress() {
    return origin == null ? null : origin.clientAddress();
  }

  /** The request's method, as a store keeps it: null outside a request. */
  public String method() {
    return origin == null ? null : origin.method();
  }

  /** The request's path, as a store keeps it: null outside a request. */
  public String path() {
    return origin == null ? null : origin.path();
  }

  /** The request's id, as a store keeps it: null outside a request or when it carried none. */
  public String requestId() {
    return origin == null ? null : origin.requestId();
  }
}
