package io.tollgate.cli;

import java.io.PrintWriter;

/**
 * Prints a newly created token the way {@code influxdb3} does: the text block of SPEC section 4
 * (ANSI emphasis only when colour is on), or {@code {"token": …, "help_msg": …}}.
 */
final class TokenPrinter {

  static final String TITLE = "New token created successfully!";
  static final String IMPORTANT = "Store this token securely, as it will not be shown again.";

  private static final String UNDERLINE = "\u001B[4m";
  private static final String BOLD = "\u001B[1m";
  private static final String BOLD_RED = "\u001B[1;31m";
  private static final String RESET = "\u001B[0m";

  private final boolean colour;

  TokenPrinter(boolean colour) {
    this.colour = colour;
  }

  /** {@code token} came from a server: it is printed without escape sequences or controls. */
  void print(PrintWriter out, String token, TokenOutputFormat format) {
    if (format == TokenOutputFormat.JSON) {
      out.print(TerminalText.escapedForJson(asJson(token)));
    } else {
      out.print(asText(TerminalText.printable(token)));
    }
    out.flush();
  }

  String asText(String token) {
    return "\n"
        + style(UNDERLINE, TITLE)
        + "\n\n"
        + style(BOLD, "Token:")
        + " "
        + token
        + "\n"
        + style(BOLD, "HTTP Requests Header:")
        + " Authorization: Bearer "
        + token
        + "\n\n"
        + style(BOLD_RED, "IMPORTANT:")
        + " "
        + IMPORTANT
        + "\n";
  }

  /** Pretty-printed like serde_json: two-space indent, {@code "key": value}. */
  String asJson(String token) {
    String help =
        IMPORTANT
            + " HTTP requests require the following header: \"Authorization: Bearer "
            + token
            + "\"";
    return "{\n  \"token\": " + quote(token) + ",\n  \"help_msg\": " + quote(help) + "\n}\n";
  }

  private String style(String code, String text) {
    return colour ? code + text + RESET : text;
  }

  private static String quote(String value) {
    return CliJson.quote(value);
  }
}
