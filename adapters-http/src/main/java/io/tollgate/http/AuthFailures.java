package io.tollgate.http;

import io.javalin.http.Context;
import io.tollgate.core.crypto.CredentialFingerprint;
import io.tollgate.core.domain.Actor;
import io.tollgate.core.domain.Token;
import io.tollgate.core.domain.failure.FailureAction;
import io.tollgate.core.domain.failure.FailureQueue;
import io.tollgate.core.domain.failure.FailureThrottle;
import java.util.Optional;

/**
 * What the request pipeline does around a token check (SPEC section 10), for every route that
 * checks one: before it, refuse a throttled client address ({@link FailureThrottle}, 429); after a
 * presented credential failed (401), count the failure for the throttle and queue an {@code
 * auth.failed} event; after a valid token was refused a permission (403), queue an {@code
 * authz.denied} event. Events carry the credential's fingerprint only. The decisions are core's;
 * this class only reads the request. Thread-safe.
 */
final class AuthFailures {
  private final FailureThrottle throttle;
  private final Optional<FailureQueue> queue;
  private final CredentialFingerprint fingerprint;

  /**
   * @param queue where refusals go for the audit; empty: nowhere (only the throttle counts them)
   */
  AuthFailures(
      FailureThrottle throttle, Optional<FailureQueue> queue, CredentialFingerprint fingerprint) {
    this.throttle = throttle;
    this.queue = queue;
    this.fingerprint = fingerprint;
  }

  /**
   * Refuses the request's client address while it is throttled; otherwise returns at once.
   *
   * @throws io.tollgate.core.domain.AuthenticationThrottledException (429)
   */
  void requireAllowed(Context ctx) {
    throttle.requireAllowed(clientAddress(ctx));
  }

  /** {@code credential} did not authenticate (401): counted, and queued as {@code auth.failed}. */
  void authenticationFailed(Context ctx, String credential, String method, String path) {
    String address = clientAddress(ctx);
    throttle.recordFailure(address);
    queue.ifPresent(
        q ->
            q.offer(
                FailureAction.AUTH_FAILED,
                address,
                fingerprint.of(credential),
                Actor.UNAUTHENTICATED,
                method,
                path));
  }

  /** {@code token}, presented as {@code credential}, lacks the permission (403). */
  void authorizationDenied(
      Context ctx, String credential, Token token, String method, String path) {
    queue.ifPresent(
        q ->
            q.offer(
                FailureAction.AUTHZ_DENIED,
                clientAddress(ctx),
                fingerprint.of(credential),
                Actor.token(token),
                method,
                path));
  }

  FailureThrottle throttle() {
    return throttle;
  }

  Optional<FailureQueue> queue() {
    return queue;
  }

  /** The address {@link ClientAddress} attached, or the peer's when none was. */
  static String clientAddress(Context ctx) {
    Object address = ctx.attribute(ClientAddress.ATTRIBUTE);
    return address instanceof String text ? text : ctx.req().getRemoteAddr();
  }
}
