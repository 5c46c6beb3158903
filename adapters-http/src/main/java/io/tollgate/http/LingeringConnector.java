package io.tollgate.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.io.ManagedSelector;
import org.eclipse.jetty.io.SocketChannelEndPoint;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * A connector whose connections, when the server closes them before the client has finished
 * sending, end their side first and read and drop what still arrives for a while, then close.
 *
 * <p>Closing a socket with data unread, or arriving after, makes the kernel reset the connection,
 * and a reset can overtake the answer sent just before it: the client loses a 413, or forward
 * authentication's answer, sent while a body the server does not read was still on its way. Ended
 * first (a FIN after the answer), the connection is read until the client closes too, and only then
 * closed.
 *
 * <p>Bounded, and no thread waits: at most {@link #maxLingering} connections linger at once (past
 * that, one closes at once), each for at most {@link #LINGER_TIME} and {@link #LINGER_BYTES}, read
 * without blocking every {@link #POLL_MILLIS} ms on the connector's scheduler. A connection the
 * client had already closed (the server read its end) closes at once. A lingering connection no
 * longer counts against the listener's {@link ConnectionCap}, so the most that may linger is a
 * sixteenth of that cap (at least 16, at most {@link #MAX_LINGERING}): they take a small part of
 * the descriptors the cap keeps in reserve.
 */
final class LingeringConnector extends ServerConnector {

  /** The longest a closed connection is read before it is closed. */
  static final Duration LINGER_TIME = Duration.ofSeconds(2);

  /** The most bytes read and dropped from a closed connection before it is closed. */
  static final long LINGER_BYTES = UnreadBody.DISCARD_LIMIT;

  /** The most connections lingering at once on any listener. */
  static final int MAX_LINGERING = 256;

  /** The fewest that may linger at once on a listener. */
  static final int MIN_LINGERING = 16;

  static final long POLL_MILLIS = 20;

  private final Set<SocketChannel> lingering = ConcurrentHashMap.newKeySet();
  private final AtomicInteger count = new AtomicInteger();
  private final int maxLingering;

  /** A connector of a listener that holds at most {@code maxConnections} connections. */
  LingeringConnector(Server server, int maxConnections, ConnectionFactory... factories) {
    super(server, factories);
    this.maxLingering = maxLingeringFor(maxConnections);
  }

  /** How many connections may linger at once on a listener holding at most {@code connections}. */
  static int maxLingeringFor(int connections) {
    return Math.min(MAX_LINGERING, Math.max(MIN_LINGERING, connections / 16));
  }

  @Override
  protected SocketChannelEndPoint newEndPoint(
      SocketChannel channel, ManagedSelector selector, SelectionKey key) {
    SocketChannelEndPoint endpoint = new LingeringEndPoint(channel, selector, key);
    endpoint.setIdleTimeout(getIdleTimeout());
    return endpoint;
  }

  /** How many connections linger now. */
  int lingering() {
    return count.get();
  }

  @Override
  protected void doStop() throws Exception {
    super.doStop();
    for (SocketChannel channel : lingering) {
      close(channel);
    }
  }

  /**
   * Ends the server's side of {@code channel} and drops what the client still sends, as the class
   * describes; false when it cannot linger (too many do, or the connector stops), and the caller
   * closes it at once.
   */
  private boolean linger(SocketChannel channel, SelectionKey key) {
    if (!isRunning()) {
      return false;
    }
    if (count.incrementAndGet() > maxLingering) {
      count.decrementAndGet();
      return false;
    }
    key.cancel(); // the selector no longer reports it; this class reads it alone
    lingering.add(channel);
    try {
      channel.shutdownOutput();
      long deadline = System.nanoTime() + LINGER_TIME.toNanos();
      drain(channel, deadline, 0, ByteBuffer.allocate(8192));
    } catch (IOException | RuntimeException e) {
      close(channel);
    }
    return true;
  }

  /** Reads and drops what has arrived; closes at the client's end or a bound, else looks again. */
  private void drain(SocketChannel channel, long deadline, long dropped, ByteBuffer buffer) {
    try {
      long total = dropped;
      int read;
      while ((read = channel.read(buffer.clear())) > 0) {
        total += read;
        if (total > LINGER_BYTES) {
          close(channel);
          return;
        }
      }
      if (read < 0 || System.nanoTime() - deadline >= 0) {
        close(channel);
        return;
      }
      long sofar = total;
      getScheduler()
          .schedule(
              () -> drain(channel, deadline, sofar, buffer), POLL_MILLIS, TimeUnit.MILLISECONDS);
    } catch (IOException | RuntimeException e) {
      close(channel); // reset by the client, or the scheduler stopped
    }
  }

  private void close(SocketChannel channel) {
    if (lingering.remove(channel)) {
      count.decrementAndGet();
    }
    try {
      channel.close();
    } catch (IOException e) {
      // closing anyway
    }
  }

  /**
   * An endpoint that lingers on close unless the client had ended its side already.
   *
   * <p>Closed, it is closed to Jetty even while this class still reads its socket: {@link #isOpen}
   * answers false (Jetty's own asks whether the socket is open, and an idle check that finds it
   * open reschedules itself and may expire, or a failed read re-registers for another, on a
   * connection already closed), and a fill returns the end of input, the close waiting for one
   * under way (a fill that had passed Jetty's check before the close would otherwise read on from
   * the socket, where Jetty's would have failed on a closed one).
   */
  private final class LingeringEndPoint extends SocketChannelEndPoint {
    private final Object reads = new Object();
    private volatile boolean closed; // set under reads
    private volatile SelectionKey key;
    private volatile boolean clientEnded;

    LingeringEndPoint(SocketChannel channel, ManagedSelector selector, SelectionKey key) {
      super(channel, selector, key, LingeringConnector.this.getScheduler());
      this.key = key;
    }

    /** Follows the key the selector gives this endpoint when it rebuilds itself. */
    @Override
    public void replaceKey(SelectionKey newKey) {
      super.replaceKey(newKey);
      key = newKey;
    }

    @Override
    public int fill(ByteBuffer buffer) throws IOException {
      synchronized (reads) {
        if (closed) {
          return -1;
        }
        int filled = super.fill(buffer);
        if (filled < 0) {
          clientEnded = true;
        }
        return filled;
      }
    }

    @Override
    public boolean isOpen() {
      return !closed && super.isOpen();
    }

    @Override
    public void doClose() {
      synchronized (reads) {
        closed = true;
      }
      if (clientEnded || !linger(getChannel(), key)) {
        super.doClose();
      }
    }
  }
}
