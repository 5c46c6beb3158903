package io.tollgate.core.domain;

import java.util.regex.Pattern;

/**
 * Where a change or a refusal came from, for the audit (SPEC section 10): the client address, the
 * request's method and path (no query string) and its request id. Changes made outside a request
 * (the CLI's offline commands, token files at start) have none. Never carries a secret: the path is
 * cut at its query string, which could hold one.
 *
 * @param clientAddress the client address ({@code --trusted-proxies} applied), not blank
 * @param method the request method, not blank
 * @param path the request path without its query string, not blank
 * @param requestId the request id: the caller's {@code X-Request-Id} when it is a plausible id
 *     ({@link #isPlausibleRequestId}), else one made up for the request; null for a coalesced
 *     refusal, which stands for several requests
 */
public record RequestOrigin(String clientAddress, String method, String path, String requestId) {

  /** Longer paths are cut to this many characters. */
  public static final int MAX_PATH_LENGTH = 1024;

  private static final int MAX_FIELD_LENGTH = 128;
  private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._:@/+=-]{1,128}");

  public RequestOrigin {
    clientAddress = required(clientAddress, "client address", MAX_FIELD_LENGTH);
    method = required(method, "method", 32);
    path = required(cutQuery(path), "path", MAX_PATH_LENGTH);
    if (requestId != null && !isPlausibleRequestId(requestId)) {
      throw new IllegalArgumentException(
          "a request id is 1 to 128 letters, digits or . _ : @ / + = -");
    }
  }

  /** Whether {@code candidate} may be recorded as a request id: 1 to 128 of a safe alphabet. */
  /**
   * The origin a store kept as its four columns ({@link AuditEntry#clientAddress()} and the rest):
   * null when the entry was made outside a request (a required column is null).
   */
  public static RequestOrigin ofStored(
      String clientAddress, String method, String path, String requestId) {
    return clientAddress == null || method == null || path == null
        ? null
        : new RequestOrigin(clientAddress, method, path, requestId);
  }

  public static boolean isPlausibleRequestId(String candidate) {
    return candidate != null && REQUEST_ID.matcher(candidate).matches();
  }

  private static String cutQuery(String path) {
    if (path == null) {
      return null;
    }
    int query = path.indexOf('?');
    return query < 0 ? path : path.substring(0, query);
  }

  private static String required(String value, String what, int maxLength) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("a request origin needs a " + what);
    }
    return value.length() > maxLength ? value.substring(0, maxLength) : value;
  }
}
