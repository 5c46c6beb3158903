package io.tollgate.http;

import io.javalin.http.Context;
import java.util.Locale;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * {@code --access-log}: one INFO line per request on the logger {@value #LOGGER}, as text ({@code
 * client=… method=… path=… status=… duration_ms=… token_id=… request_id=…}) and as key-value pairs
 * (which {@code --log-format json} writes as fields). The path never carries the query string, and
 * anything in it that looks like a token is cut to its prefix; the token appears only by id, never
 * its secret.
 */
final class AccessLog {
  static final String LOGGER = "io.tollgate.http.access";
  static final String REQUEST_ID_HEADER = "X-Request-Id";

  private static final Logger LOG = LoggerFactory.getLogger(LOGGER);

  /** A token pasted into a path ({@code apiv3_…}): everything after the prefix is dropped. */
  private static final Pattern TOKEN_IN_PATH =
      Pattern.compile("apiv3_[^/;]*", Pattern.CASE_INSENSITIVE);

  /** What a request id may hold to be logged: a UUID, a trace id, a short opaque label. */
  private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

  private AccessLog() {}

  static void log(Context ctx, float millis) {
    if (!LOG.isInfoEnabled()) {
      return;
    }
    String client = client(ctx);
    String method = ctx.method().name();
    String path = redactedPath(ctx.path());
    int status = ctx.statusCode();
    String duration = String.format(Locale.ROOT, "%.3f", millis);
    String tokenId =
        Principal.find(ctx).map(p -> Long.toString(p.token().id().value())).orElse("-");
    String requestId = requestId(ctx.header(REQUEST_ID_HEADER));
    LoggingEventBuilder line =
        LOG.atInfo()
            .addKeyValue("client", client)
            .addKeyValue("method", method)
            .addKeyValue("path", path)
            .addKeyValue("status", status)
            .addKeyValue("duration_ms", duration)
            .addKeyValue("token_id", tokenId)
            .addKeyValue("request_id", requestId);
    line.log(
        "client={} method={} path={} status={} duration_ms={} token_id={} request_id={}",
        client,
        method,
        path,
        status,
        duration,
        tokenId,
        requestId);
  }

  /** {@code path} with anything token-like cut to {@code apiv3_…}. */
  static String redactedPath(String path) {
    return TOKEN_IN_PATH.matcher(path).replaceAll("apiv3_…");
  }

  private static String client(Context ctx) {
    Object attached = ctx.attribute(ClientAddress.ATTRIBUTE);
    return attached instanceof String address ? address : ctx.req().getRemoteAddr();
  }

  /** The client's or gateway's request id when it is a plain label; {@code -} otherwise. */
  static String requestId(String header) {
    if (header == null || !REQUEST_ID.matcher(header).matches()) {
      return "-";
    }
    return header.regionMatches(true, 0, "apiv3_", 0, 6) ? "-" : header;
  }
}
