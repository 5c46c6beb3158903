package io.tollgate.http;

import io.javalin.http.Context;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Who the client is (for throttling and audit): the peer's address, or, when the peer is one of
 * {@code --trusted-proxies}, the right-most {@code X-Forwarded-For} hop that is not a trusted proxy
 * (hops are read right to left, over every {@code X-Forwarded-For} header; when every hop is
 * trusted, the left-most one). A hop that is not an IP address ends the walk: the trusted hop that
 * appended it is the client. The result is set on every request as the attribute {@link
 * #ATTRIBUTE}. Immutable, thread-safe.
 */
final class ClientAddress {
  /** The request attribute holding the client address (a {@code String}). */
  static final String ATTRIBUTE = "io.tollgate.clientAddress";

  /** {@code --trusted-proxies}'s default: loopback. */
  static final String DEFAULT_TRUSTED_PROXIES = "127.0.0.0/8,::1";

  private static final int MAX_HOPS = 64;

  private final List<Cidr> trusted;

  private ClientAddress(List<Cidr> trusted) {
    this.trusted = List.copyOf(trusted);
  }

  /**
   * Parses {@code --trusted-proxies}: comma-separated IP addresses or CIDR blocks; an empty value
   * trusts no proxy.
   *
   * @throws IllegalArgumentException naming the first bad item
   */
  static ClientAddress trusting(String cidrs) {
    List<Cidr> blocks = new ArrayList<>();
    if (cidrs != null && !cidrs.isBlank()) {
      for (String item : cidrs.split(",", -1)) {
        blocks.add(Cidr.parse(item.trim()));
      }
    }
    return new ClientAddress(blocks);
  }

  /** Resolves the client address of {@code ctx} and sets it as {@link #ATTRIBUTE}. */
  String attachTo(Context ctx) {
    String peer = ctx.req().getRemoteAddr();
    String client =
        ctx.req().getHeader("X-Forwarded-For") == null
            ? peer
            : resolve(peer, Collections.list(ctx.req().getHeaders("X-Forwarded-For")));
    ctx.attribute(ATTRIBUTE, client);
    return client;
  }

  /** The client address for a request from {@code peer} carrying these X-Forwarded-For values. */
  String resolve(String peer, List<String> forwardedFor) {
    byte[] peerAddress = literal(peer);
    if (peerAddress == null || !isTrusted(peerAddress) || forwardedFor.isEmpty()) {
      return peer;
    }
    String closest = peer;
    int seen = 0;
    for (int h = forwardedFor.size() - 1; h >= 0; h--) {
      String header = forwardedFor.get(h);
      String[] hops = header == null ? new String[0] : header.split(",", -1);
      for (int i = hops.length - 1; i >= 0; i--) {
        if (++seen > MAX_HOPS) {
          return closest;
        }
        String hop = stripPort(hops[i].trim());
        byte[] address = literal(hop);
        if (address == null) {
          return closest;
        }
        String normalised = format(address, hop);
        if (!isTrusted(address)) {
          return normalised;
        }
        closest = normalised;
      }
    }
    return closest;
  }

  private boolean isTrusted(byte[] address) {
    for (Cidr block : trusted) {
      if (block.contains(address)) {
        return true;
      }
    }
    return false;
  }

  /** {@code [v6]:port} or {@code v4:port} → the address; anything else unchanged. */
  private static String stripPort(String hop) {
    if (hop.startsWith("[")) {
      int close = hop.indexOf(']');
      return close > 0 ? hop.substring(1, close) : hop;
    }
    int colon = hop.indexOf(':');
    return colon > 0 && hop.indexOf(':', colon + 1) < 0 ? hop.substring(0, colon) : hop;
  }

  private static String format(byte[] address, String fallback) {
    try {
      return InetAddress.getByAddress(address).getHostAddress();
    } catch (UnknownHostException e) {
      return fallback;
    }
  }

  /** The bytes of an IP literal, or null: never a name lookup. */
  static byte[] literal(String text) {
    if (text == null || text.isEmpty() || text.length() > 45) {
      return null;
    }
    boolean colon = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean hex = c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
      if (c == ':') {
        colon = true;
      } else if (!hex && c != '.') {
        return null;
      }
    }
    if (!colon && !text.matches("\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}")) {
      return null;
    }
    try {
      byte[] bytes = InetAddress.getByName(text).getAddress();
      return ipv4Mapped(bytes);
    } catch (UnknownHostException e) {
      return null;
    }
  }

  private static byte[] ipv4Mapped(byte[] bytes) {
    if (bytes.length != 16) {
      return bytes;
    }
    for (int i = 0; i < 10; i++) {
      if (bytes[i] != 0) {
        return bytes;
      }
    }
    if (bytes[10] != (byte) 0xff || bytes[11] != (byte) 0xff) {
      return bytes;
    }
    return new byte[] {bytes[12], bytes[13], bytes[14], bytes[15]};
  }

  /** An address block: {@code ADDRESS/BITS}, or one address. */
  record Cidr(byte[] network, int bits) {
    Cidr {
      Objects.requireNonNull(network, "network");
    }

    static Cidr parse(String text) {
      int slash = text.indexOf('/');
      String address = slash < 0 ? text : text.substring(0, slash);
      byte[] bytes = literal(address);
      if (bytes == null) {
        throw invalid(text);
      }
      int bits = bytes.length * 8;
      if (slash >= 0) {
        String suffix = text.substring(slash + 1);
        if (!suffix.matches("\\d{1,3}")) {
          throw invalid(text);
        }
        bits = Integer.parseInt(suffix);
        if (bits > bytes.length * 8) {
          throw invalid(text);
        }
      }
      return new Cidr(bytes, bits);
    }

    boolean contains(byte[] address) {
      if (address.length != network.length) {
        return false;
      }
      int full = bits / 8;
      for (int i = 0; i < full; i++) {
        if (address[i] != network[i]) {
          return false;
        }
      }
      int rest = bits % 8;
      if (rest == 0) {
        return true;
      }
      int mask = (0xff << (8 - rest)) & 0xff;
      return (address[full] & mask) == (network[full] & mask);
    }

    private static IllegalArgumentException invalid(String text) {
      return new IllegalArgumentException(
          "invalid value '"
              + text
              + "' for --trusted-proxies: expected a comma-separated list of IP addresses or CIDR"
              + " blocks such as 10.0.0.0/8 or ::1");
    }
  }
}
