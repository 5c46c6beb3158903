package io.tollgate.http;

import io.javalin.http.HttpStatus;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's error pages replaced by one plain line (for requests Jetty refuses before Javalin sees
 * them: a malformed request line, headers too large, a bad URI). No HTML, no stack trace, no echo
 * of the request; the {@code cluster-uuid} header is kept. Since Jetty 12.0.8 a request Jetty
 * cannot parse comes here too (through {@link #generateResponse}); {@code badMessageError} is no
 * longer called, so it is not overridden.
 */
final class PlainJettyErrors extends ErrorHandler {
  private final String clusterUuid;

  PlainJettyErrors(UUID clusterId) {
    this.clusterUuid = clusterId.toString();
    setShowStacks(false);
    setShowMessageInTitle(false);
  }

  static String body(int status) {
    String reason = HttpStatus.forStatus(status).getMessage();
    return reason.isEmpty() ? "error " + status : reason.toLowerCase(Locale.ROOT);
  }

  @Override
  protected void generateResponse(
      Request request,
      Response response,
      int code,
      String message,
      Throwable cause,
      Callback callback) {
    response.getHeaders().put(Responses.CLUSTER_UUID, clusterUuid);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, Responses.PLAIN);
    response.write(true, ByteBuffer.wrap(body(code).getBytes(StandardCharsets.UTF_8)), callback);
  }
}
