package io.tollgate.cli;

import java.util.Objects;

/**
 * A listen address {@code host:port} as given to {@code --http-bind}: host name, IPv4 or bracketed
 * IPv6 ({@code [::1]:8181}); port 0 to 65535 (0 picks a free port).
 */
public record BindAddress(String host, int port) {

  public BindAddress {
    Objects.requireNonNull(host, "host");
    if (host.isBlank() || host.chars().anyMatch(c -> c <= ' ' || c == '/' || c == '@')) {
      throw new IllegalArgumentException("invalid host \"" + host + "\"");
    }
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be 0 to 65535, got " + port);
    }
  }

  /** Parses {@code host:port}; throws {@link IllegalArgumentException} with a clear message. */
  public static BindAddress parse(String text) {
    String value = text == null ? "" : text.trim();
    String host;
    String port;
    if (value.startsWith("[")) {
      int close = value.indexOf(']');
      if (close < 0 || close + 1 >= value.length() || value.charAt(close + 1) != ':') {
        throw invalid(text);
      }
      host = value.substring(1, close);
      port = value.substring(close + 2);
    } else {
      int colon = value.lastIndexOf(':');
      if (colon <= 0 || value.indexOf(':') != colon) {
        throw invalid(text);
      }
      host = value.substring(0, colon);
      port = value.substring(colon + 1);
    }
    if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new IllegalArgumentException(
          "invalid address \"" + text + "\": port must be a number from 0 to 65535");
    }
    try {
      return new BindAddress(host, Integer.parseInt(port));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("invalid address \"" + text + "\": " + e.getMessage(), e);
    }
  }

  private static IllegalArgumentException invalid(String text) {
    return new IllegalArgumentException(
        "invalid address \"" + text + "\": expected HOST:PORT, e.g. 127.0.0.1:8181 or [::1]:8181");
  }

  /** {@code host:port}, IPv6 hosts in brackets. */
  @Override
  public String toString() {
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
  }
}
