package io.tollgate.http;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;

/**
 * Writes a body too large for Jetty's aggregation buffer with the Servlet API's non-blocking I/O,
 * so that a client which stops reading holds a connection but no thread (issue 12 item 4). A
 * blocking write would park a server thread until the idle timeout, and a few hundred such clients
 * would take the whole pool. The future completes when the body is written or the connection has
 * failed (then there is nobody left to answer); Javalin then finishes the request as usual.
 */
final class NonBlockingBody implements WriteListener {
  private final HttpServletRequest request;
  private final ServletOutputStream out;
  private final byte[] body;
  private final CompletableFuture<Void> done = new CompletableFuture<>();
  private boolean written;

  private NonBlockingBody(HttpServletRequest request, ServletOutputStream out, byte[] body) {
    this.request = request;
    this.out = out;
    this.body = body;
  }

  /** Starts writing {@code body}; the request must be in async mode (Javalin's future is). */
  static CompletableFuture<Void> write(
      HttpServletRequest request, HttpServletResponse response, byte[] body) throws IOException {
    response.setContentLength(body.length);
    NonBlockingBody writer = new NonBlockingBody(request, response.getOutputStream(), body);
    writer.out.setWriteListener(writer);
    return writer.done;
  }

  @Override
  public void onWritePossible() throws IOException {
    if (!written) {
      written = true;
      out.write(body); // one write; Jetty sends it in buffer-sized slices, without copying
    }
    if (out.isReady()) {
      done.complete(null);
    }
  }

  @Override
  public void onError(Throwable failure) {
    // The client went away, or sat on the response past the idle timeout: nothing to answer. The
    // connection is aborted, or Jetty would go on to serve the requests it has read ahead on it,
    // each into a dead socket.
    ServletContextRequest jettyRequest = ServletContextRequest.getServletContextRequest(request);
    if (jettyRequest != null) {
      jettyRequest.getServletChannel().abort(failure);
    }
    done.complete(null);
  }
}
