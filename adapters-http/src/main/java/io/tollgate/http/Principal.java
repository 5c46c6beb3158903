package io.tollgate.http;

import io.javalin.http.Context;
import io.tollgate.core.domain.Actor;
import io.tollgate.core.domain.NotAuthenticatedException;
import io.tollgate.core.domain.Token;
import io.tollgate.core.domain.TokenSecret;
import java.util.Optional;

/**
 * The token that authenticated a request, with the string it was presented as (needed to make
 * regeneration atomic with its authorisation). Kept in a request attribute; never logged.
 */
record Principal(Token token, TokenSecret presented) {
  private static final String ATTRIBUTE = "io.tollgate.http.principal";

  void attachTo(Context ctx) {
    ctx.attribute(ATTRIBUTE, this);
  }

  /** The request's principal; a 401 if the request was not authenticated. */
  static Principal of(Context ctx) {
    return find(ctx).orElseThrow(NotAuthenticatedException::new);
  }

  /** The request's principal, if it was authenticated. */
  static Optional<Principal> find(Context ctx) {
    Object principal = ctx.attribute(ATTRIBUTE);
    return principal instanceof Principal found ? Optional.of(found) : Optional.empty();
  }

  /** The token as the actor of a change, acting through the request {@code ctx}. */
  Actor actor(Context ctx) {
    return Actor.token(token).withOrigin(RequestOrigins.of(ctx));
  }

  @Override
  public String toString() {
    return "Principal[token=" + token.id() + " (" + token.name() + "), presented=redacted]";
  }
}
