package io.tollgate.app;

import static io.tollgate.app.FuzzValues.pick;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/** How the request fuzzer delimits a body: the headers that declare it and the bytes sent. */
final class FuzzFraming {
  /** How the body is delimited. */
  enum Framing {
    LENGTH,
    CHUNKED,
    DECLARED_TOO_LONG,
    MALFORMED_CHUNKED,
    DECLARED_TOO_SHORT,
    DECLARED_HUGE,
    LENGTH_AND_CHUNKED,
    UNDECLARED,
    INVALID_LENGTH
  }

  /** Every framing is generated: malformed and short bodies get a 400 (issue 12 item 8). */
  static final Set<Framing> EXCLUDED = EnumSet.noneOf(Framing.class);

  static final List<Framing> FRAMINGS =
      EnumSet.complementOf(EnumSet.copyOf(EXCLUDED)).stream().toList();

  private FuzzFraming() {}

  static List<String> headers(Framing framing, byte[] body, String method, Random random) {
    return switch (framing) {
      case LENGTH ->
          body.length == 0 && !method.equals("POST")
              ? List.of()
              : List.of("Content-Length: " + body.length);
      case CHUNKED, MALFORMED_CHUNKED -> List.of("Transfer-Encoding: chunked");
      case DECLARED_TOO_LONG ->
          List.of("Content-Length: " + (body.length + 1 + random.nextInt(100)));
      case DECLARED_TOO_SHORT ->
          List.of("Content-Length: " + Math.max(0, body.length - 1 - random.nextInt(10)));
      case DECLARED_HUGE ->
          List.of(
              "Content-Length: "
                  + pick(random, List.of("70000", "10000000", "99999999999999999999")));
      case LENGTH_AND_CHUNKED ->
          List.of("Content-Length: " + body.length, "Transfer-Encoding: chunked");
      case UNDECLARED -> List.of();
      case INVALID_LENGTH ->
          List.of(
              "Content-Length: " + pick(random, List.of("abc", "-5", "+5", "0x10", "5, 6", "")));
    };
  }

  static byte[] body(Framing framing, byte[] body, Random random) {
    if (framing == Framing.MALFORMED_CHUNKED) {
      return malformedChunks(body, random);
    }
    if (framing != Framing.CHUNKED && framing != Framing.LENGTH_AND_CHUNKED) {
      return body;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int at = 0;
    while (at < body.length) {
      int size = Math.min(body.length - at, 1 + random.nextInt(20_000));
      String extension = random.nextInt(5) == 0 ? ";ext=1" : "";
      String hex = Integer.toHexString(size);
      out.writeBytes(
          utf8(
              (random.nextBoolean() ? hex.toUpperCase(java.util.Locale.ROOT) : hex)
                  + extension
                  + "\r\n"));
      out.write(body, at, size);
      out.writeBytes(utf8("\r\n"));
      at += size;
    }
    out.writeBytes(utf8(random.nextInt(5) == 0 ? "0\r\nX-Trailer: t\r\n\r\n" : "0\r\n\r\n"));
    return out.toByteArray();
  }

  /** A chunked body with a bad size, a missing CRLF, a missing last chunk, or no chunks at all. */
  private static byte[] malformedChunks(byte[] body, Random random) {
    String data = new String(body, StandardCharsets.ISO_8859_1);
    String chunked =
        switch (random.nextInt(6)) {
          case 0 -> "zz\r\n" + data + "\r\n0\r\n\r\n";
          case 1 -> Integer.toHexString(body.length) + "\r\n" + data + "0\r\n\r\n";
          case 2 -> Integer.toHexString(body.length + 50) + "\r\n" + data + "\r\n";
          case 3 -> Integer.toHexString(body.length) + "\r\n" + data + "\r\n";
          case 4 -> "ffffffffffffffffffff\r\n" + data;
          default -> data;
        };
    return chunked.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
