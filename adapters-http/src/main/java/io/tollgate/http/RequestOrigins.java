package io.tollgate.http;

import io.javalin.http.Context;
import io.tollgate.core.domain.RequestOrigin;
import java.util.UUID;

/**
 * The {@link RequestOrigin} of a request, for the audit: its client address ({@link ClientAddress}
 * applied), method, path and request id: the caller's {@code X-Request-Id} when it is a plausible
 * id, else a random one made up here. Made once per request and kept in an attribute, so every
 * audit entry of the request carries the same id.
 */
final class RequestOrigins {
  static final String REQUEST_ID_HEADER = "X-Request-Id";
  private static final String ATTRIBUTE = "io.tollgate.http.origin";

  private RequestOrigins() {}

  static RequestOrigin of(Context ctx) {
    Object kept = ctx.attribute(ATTRIBUTE);
    if (kept instanceof RequestOrigin origin) {
      return origin;
    }
    String offered = ctx.header(REQUEST_ID_HEADER);
    String requestId =
        RequestOrigin.isPlausibleRequestId(offered) ? offered : UUID.randomUUID().toString();
    RequestOrigin origin =
        new RequestOrigin(
            AuthFailures.clientAddress(ctx), ctx.method().name(), ctx.path(), requestId);
    ctx.attribute(ATTRIBUTE, origin);
    return origin;
  }
}
