package io.tollgate.postgres;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP relay on loopback in front of the test server, to cut a node off from PostgreSQL and let it
 * back: {@link #block()} severs every relayed connection and closes new ones at once, {@link
 * #unblock()} relays again.
 */
final class TcpProxy implements AutoCloseable {

  private final ServerSocket server;
  private final InetSocketAddress target;
  private final List<Socket> open = new CopyOnWriteArrayList<>();
  private volatile boolean blocked;
  private volatile boolean frozen;
  private volatile boolean closed;

  TcpProxy(String targetHost, int targetPort) throws IOException {
    this.target = new InetSocketAddress(targetHost, targetPort);
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::accept, "test-proxy-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** {@code 127.0.0.1:PORT} of the proxy. */
  String hostAndPort() {
    return "127.0.0.1:" + server.getLocalPort();
  }

  /**
   * Closes every relayed connection and refuses new ones until {@link #unblock()}; a connection
   * still being set up when this runs is closed as soon as it is.
   */
  void block() {
    synchronized (open) {
      blocked = true;
      for (Socket socket : open) {
        closeQuietly(socket);
      }
      open.clear();
    }
  }

  void unblock() {
    blocked = false;
  }

  /**
   * Stops relaying without closing anything, as a network that silently drops packets: the peers
   * see no error, only silence. {@link #thaw()} relays what was held back.
   */
  void freeze() {
    frozen = true;
  }

  void thaw() {
    frozen = false;
  }

  private void accept() {
    while (!closed) {
      try {
        Socket client = server.accept();
        if (blocked) {
          closeQuietly(client);
          continue;
        }
        Socket upstream = new Socket();
        upstream.connect(target, 2_000);
        synchronized (open) {
          if (blocked) { // block() ran while this one was being set up
            closeQuietly(client);
            closeQuietly(upstream);
            continue;
          }
          open.add(client);
          open.add(upstream);
        }
        pump(client, upstream);
        pump(upstream, client);
      } catch (IOException e) {
        if (closed) {
          return;
        }
      }
    }
  }

  private void pump(Socket from, Socket to) {
    Thread thread =
        new Thread(
            () -> {
              byte[] buffer = new byte[16_384];
              try (InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                  while (frozen && !closed) {
                    Thread.sleep(5);
                  }
                  out.write(buffer, 0, n);
                  out.flush();
                }
              } catch (IOException e) {
                // the other side went, or block() cut it
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
              }
            },
            "test-proxy-pump");
    thread.setDaemon(true);
    thread.start();
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // already gone
    }
  }

  @Override
  public void close() {
    closed = true;
    block();
    try {
      server.close();
    } catch (IOException e) {
      // already closed
    }
  }
}
