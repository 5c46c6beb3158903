package io.tollgate.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.io.SocketChannelEndPoint;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.BufferUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A lingering endpoint keeps its socket open after Jetty closed it, to drop what still arrives; to
 * Jetty it must be closed all the same: not open, and nothing more read for it. Jetty's idle checks
 * and fill interest ask {@code isOpen()}, and an endpoint that still answered true went on with
 * idle checks and reads on a connection Jetty had closed, beside the threads closing it.
 */
class LingeringEndPointTest {

  private Server server;
  private LingeringConnector connector;
  private ServerSocketChannel listener;
  private Selector selector;

  @BeforeEach
  void start() throws Exception {
    server = new Server();
    connector = new LingeringConnector(server, 1024, new HttpConnectionFactory());
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    server.start();
    listener = ServerSocketChannel.open();
    listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    selector = Selector.open();
  }

  @AfterEach
  void stop() throws Exception {
    server.stop();
    listener.close();
    selector.close();
  }

  @Test
  void closedWhileLingering_isClosedToJetty_andReadsNothingMore() throws Exception {
    try (Socket client = new Socket()) {
      SocketChannel channel = accept(client);
      SocketChannelEndPoint endPoint = endPointOf(channel);
      OutputStream out = client.getOutputStream();

      out.write("first".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      ByteBuffer buffer = BufferUtil.allocate(64);
      assertThat(fillWithin(endPoint, buffer)).isEqualTo(5);
      assertThat(endPoint.isOpen()).isTrue();

      endPoint.close();
      out.write("after the close".getBytes(StandardCharsets.US_ASCII));
      out.flush();

      assertThat(connector.lingering()).as("lingering").isEqualTo(1);
      assertThat(channel.isOpen()).as("the socket, still read and dropped").isTrue();
      assertThat(endPoint.isOpen()).as("the endpoint, to Jetty").isFalse();
      BufferUtil.clear(buffer);
      assertThat(endPoint.fill(buffer)).isEqualTo(-1);
      assertThat(buffer.remaining()).isZero();
    }
  }

  @Test
  void closedWithoutLingering_isClosed() throws Exception {
    try (Socket client = new Socket()) {
      SocketChannel channel = accept(client);
      SocketChannelEndPoint endPoint = endPointOf(channel);
      client.shutdownOutput(); // the client ended its side: no reason to linger
      ByteBuffer buffer = BufferUtil.allocate(64);
      assertThat(fillWithin(endPoint, buffer)).isEqualTo(-1);

      endPoint.close();

      assertThat(connector.lingering()).isZero();
      assertThat(channel.isOpen()).isFalse();
      assertThat(endPoint.isOpen()).isFalse();
    }
  }

  /** Connects {@code client} and returns the server's side of it, non-blocking. */
  private SocketChannel accept(Socket client) throws Exception {
    client.connect(listener.getLocalAddress());
    SocketChannel channel = listener.accept();
    channel.configureBlocking(false);
    return channel;
  }

  /** The connector's endpoint for {@code channel}, as its selector would make it. */
  private SocketChannelEndPoint endPointOf(SocketChannel channel) throws Exception {
    SelectionKey key = channel.register(selector, 0);
    return connector.newEndPoint(channel, null, key);
  }

  /** Fills until something (or the end) arrives, for at most a few seconds. */
  private static int fillWithin(SocketChannelEndPoint endPoint, ByteBuffer buffer)
      throws Exception {
    long deadline = System.nanoTime() + 5_000_000_000L;
    int filled;
    while ((filled = endPoint.fill(buffer)) == 0 && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    return filled;
  }
}
