package io.tollgate.http;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.time.Duration;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;

/**
 * The most connections a listener holds at once, kept below the process's open-file limit ({@code
 * ulimit -n}) so that a flood of connections cannot take the file descriptors the store, the audit
 * log and a TLS reload need. Without it, 20,000 connections that each sent half a request filled a
 * server's 20,000 descriptors: every further accept failed with a logged stack trace, and a file
 * the server had to open then could not be. At the cap, the listener stops accepting until a
 * connection closes (new ones wait in the kernel's queue), and the connections it holds get an idle
 * timeout of {@link #IDLE_AT_CAP}, so that idle ones make room sooner.
 */
final class ConnectionCap {
  /** The recovery listener's cap: it serves one request, once, on a loopback address. */
  static final int RECOVERY = 16;

  /** The smallest cap, whatever the open-file limit. */
  static final int MINIMUM = 16;

  /** The cap when the open-file limit cannot be read (not a Unix-like system). */
  static final int WHEN_UNKNOWN = 10_000;

  /** The idle timeout of held connections while a listener is at its cap. */
  static final Duration IDLE_AT_CAP = Duration.ofSeconds(5);

  private ConnectionCap() {}

  /** The cap for the main listener of this process. */
  static int forThisProcess() {
    OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    return os instanceof com.sun.management.UnixOperatingSystemMXBean unix
        ? capFor(unix.getMaxFileDescriptorCount())
        : WHEN_UNKNOWN;
  }

  /**
   * The open-file limit less a reserve for everything else the process opens (its jars, the
   * database and its journal, reader connections, logs, a PostgreSQL pool): a tenth of the limit,
   * at least 256; never below {@link #MINIMUM}.
   */
  static int capFor(long openFileLimit) {
    if (openFileLimit <= 0) {
      return WHEN_UNKNOWN;
    }
    long reserve = Math.max(256, openFileLimit / 10);
    return (int) Math.min(Integer.MAX_VALUE, Math.max(MINIMUM, openFileLimit - reserve));
  }

  /** Caps the connections of {@code server}'s connectors at {@code cap}. */
  static void apply(Server server, int cap) {
    NetworkConnectionLimit limit = new NetworkConnectionLimit(cap, server);
    limit.setEndPointIdleTimeout(IDLE_AT_CAP.toMillis());
    server.addBean(limit);
  }
}
