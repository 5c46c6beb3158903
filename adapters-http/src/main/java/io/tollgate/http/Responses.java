package io.tollgate.http;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;

/** Writes bodies byte-exactly, with the content types InfluxDB clients expect. */
final class Responses {
  static final String JSON = "application/json";
  static final String PLAIN = "text/plain; charset=utf-8";

  static final String CLUSTER_UUID = "cluster-uuid";

  static final String MALFORMED_AUTHORIZATION =
      "{\"error\": \"Authorization header was malformed, the request was not in the form of"
          + " 'Authorization: <auth-scheme> <token>', supported auth-schemes are Bearer, Token and"
          + " Basic\"}";
  static final String NOT_AUTHENTICATED = "{\"error\": \"the request was not authenticated\"}";
  static final String WWW_AUTHENTICATE = "WWW-Authenticate";
  static final String BEARER_CHALLENGE = "Bearer realm=\"tollgate\"";

  private Responses() {}

  static void plain(Context ctx, int status, String body) {
    bytes(ctx, status, PLAIN, body.getBytes(StandardCharsets.UTF_8));
  }

  static void json(Context ctx, int status, byte[] body) {
    bytes(ctx, status, JSON, body);
  }

  /**
   * Any body with its content type; a 401 also gets {@code WWW-Authenticate: Bearer
   * realm="tollgate"} (RFC 7235).
   */
  static void bytes(Context ctx, int status, String contentType, byte[] body) {
    ctx.status(status);
    ctx.contentType(contentType);
    if (status == 401) {
      ctx.header(WWW_AUTHENTICATE, BEARER_CHALLENGE);
    }
    ctx.result(body);
  }

  static void json(Context ctx, int status, String body) {
    json(ctx, status, body.getBytes(StandardCharsets.UTF_8));
  }

  static void failure(Context ctx, HttpFailure failure) {
    if (failure.isJson()) {
      json(ctx, failure.status(), failure.body());
    } else {
      plain(ctx, failure.status(), failure.body());
    }
  }

  /** The empty body of a successful delete: 200, no content type. */
  static void empty(Context ctx, int status) {
    ctx.status(status);
    ctx.removeHeader("Content-Type");
    ctx.result(new byte[0]);
  }
}
