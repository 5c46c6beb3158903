package io.tollgate.http;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads the token out of {@code Authorization: <scheme> <token>}, as InfluxDB 3 does: schemes
 * {@code Bearer}, {@code Token} and {@code Basic} (matched case-insensitively, as RFC 7235 says),
 * exactly one space-separated token; for {@code Basic} the base64 of {@code user:token}, split at
 * the last colon, where a colon in the user part is malformed.
 */
final class AuthorizationHeader {

  /** The outcome of parsing: the presented token, nothing, or a malformed header. */
  sealed interface Parsed permits Missing, Malformed, Presented {}

  record Missing() implements Parsed {}

  record Malformed() implements Parsed {}

  /** The token as presented; {@link #toString()} hides it. */
  record Presented(String token) implements Parsed {
    @Override
    public String toString() {
      return "Presented[token=redacted]";
    }
  }

  private AuthorizationHeader() {}

  /** {@code values} holds every Authorization header of the request; more than one is malformed. */
  static Parsed parse(List<String> values) {
    if (values == null || values.isEmpty()) {
      return new Missing();
    }
    if (values.size() > 1) {
      return new Malformed();
    }
    return parse(values.get(0));
  }

  /**
   * The Authorization headers of {@code request}, as {@link #parse(List)} reads them, without
   * copying them into a list: this runs for every authenticated request.
   */
  static Parsed parse(HttpServletRequest request) {
    Enumeration<String> values = request.getHeaders("Authorization");
    if (values == null || !values.hasMoreElements()) {
      return new Missing();
    }
    String value = values.nextElement();
    if (values.hasMoreElements()) {
      return new Malformed();
    }
    return parse(value);
  }

  private static Parsed parse(String value) {
    if (value == null) {
      return new Missing();
    }
    int space = value.indexOf(' ');
    if (space < 0 || value.indexOf(' ', space + 1) >= 0) {
      return new Malformed();
    }
    String scheme = value.substring(0, space);
    String credential = value.substring(space + 1);
    switch (scheme.toLowerCase(Locale.ROOT)) {
      case "bearer":
      case "token":
        return new Presented(credential);
      case "basic":
        return basic(credential).<Parsed>map(Presented::new).orElseGet(Malformed::new);
      default:
        return new Malformed();
    }
  }

  private static Optional<String> basic(String credential) {
    byte[] decoded;
    try {
      decoded = Base64.getDecoder().decode(credential);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    String userAndToken = new String(decoded, StandardCharsets.UTF_8);
    int colon = userAndToken.lastIndexOf(':');
    if (colon < 0 || userAndToken.substring(0, colon).indexOf(':') >= 0) {
      return Optional.empty();
    }
    return Optional.of(userAndToken.substring(colon + 1));
  }
}
