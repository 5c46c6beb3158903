package io.tollgate.app;

import java.util.List;
import java.util.Random;

/**
 * The raw material of the request fuzzer: methods, versions, paths, queries, header lines, JSON
 * values and names that a hostile or broken client might send. Every string here is sent as UTF-8
 * unless it is built from bytes by the caller.
 */
final class FuzzValues {
  static final List<String> METHODS =
      List.of(
          "GET",
          "POST",
          "PUT",
          "DELETE",
          "PATCH",
          "HEAD",
          "OPTIONS",
          "TRACE",
          "CONNECT",
          "get",
          "Post",
          "PRI",
          "FOO",
          "G\u00c9T",
          "M".repeat(300),
          "DELETE\u0000",
          "POST GET");

  /** HTTP versions that are valid and must be treated as such. */
  static final List<String> VALID_VERSIONS = List.of("HTTP/1.1", "HTTP/1.0");

  /** Versions that are not HTTP/1.0 or 1.1: the only requests that may get a 505. */
  static final List<String> INVALID_VERSIONS =
      List.of(
          "HTTP/2.0",
          "HTTP/1.2",
          "HTTP/3",
          "HTTP/0.9",
          "",
          "http/1.1",
          "HTTP/11",
          "HTTP/1.10",
          "HTTP/9.9",
          "HTCPCP/1.0",
          "HTTP/1.1 extra",
          "HTTP/",
          "HTTP/1.1\u0000",
          "HTTP/-1.1");

  static final List<String> PATHS =
      List.of(
          "/api/v3/configure/token",
          "/api/v3/configure/token/",
          "/api/v3/configure/token/admin",
          "/api/v3/configure/token/named_admin",
          "/api/v3/configure/token/admin/regenerate",
          "/api/v3/query_sql",
          "/health",
          "/api/v1/health",
          "/ping",
          "/metrics",
          "//api/v3/configure/token",
          "/API/V3/CONFIGURE/TOKEN",
          "/api/v3/configure/token/../token",
          "/api/v3/configure/%74oken",
          "/api%2Fv3%2Fconfigure%2Ftoken",
          "/api/v3/configure/token;jsessionid=1",
          "/api/v3/configure/token%00",
          "/api/v3/configure/token/%2e%2e/token",
          "/\u00e9t\u00e9",
          "/ping%zz",
          "*",
          "",
          "http://evil.example/api/v3/configure/token",
          "/api/v3/configure/token\\admin",
          "/" + "a/".repeat(3000),
          "/api/v3/configure/token#fragment",
          "/%",
          "/api/v3/configure/token/admin/regenerate/");

  static final List<String> QUERY_SUFFIXES =
      List.of(
          "",
          "&token_name=other",
          "&token_name=",
          "&token_name",
          "&=x",
          "&&&",
          "&%zz=1",
          "&token_name=%",
          "&token_name=%u00e9",
          "&token_name=a+b",
          "&token_name=%00",
          "&x=" + "y".repeat(9000),
          ";token_name=x",
          "?token_name=again",
          "#frag",
          "&token_name=\u00e9\u202e",
          "&format=pretty",
          "&format=xml");

  static final List<String> CONTENT_TYPES =
      List.of(
          "application/json",
          "application/json; charset=utf-8",
          "APPLICATION/JSON",
          "application/json;;;",
          "application/jsonx",
          "text/plain",
          "application/json, text/plain",
          "*/*",
          "",
          "application/json; charset=latin-1",
          "multipart/form-data; boundary=x",
          "application/x-www-form-urlencoded");

  /** Extra header lines, some well-formed and odd, some malformed. */
  static final List<String> HEADER_LINES =
      List.of(
          "X-Junk: \u00ff\u00fe",
          "Bad Header: x",
          "NoColon",
          " folded: continuation",
          "X-Nul: a\u0000b",
          "X-Long: " + "v".repeat(9000),
          "Expect: 100-continue",
          "Expect: something-else",
          "Connection: Upgrade, HTTP2-Settings",
          "Upgrade: h2c",
          "Origin: https://evil.example",
          "Sec-Fetch-Site: cross-site",
          "Accept-Encoding: gzip, br",
          "Range: bytes=0-10",
          "If-None-Match: *",
          "X-Forwarded-For: 1.2.3.4, ::1",
          "Host: second.example",
          "Host:",
          "Content-Length: 0",
          "Content-Length: -1",
          "Content-Length: abc",
          "Transfer-Encoding: gzip",
          "Transfer-Encoding: chunked",
          ": empty-name",
          "X-Emoji: \ud83d\ude00",
          "Cookie: a=b; c",
          "Accept: application/json;q=abc");

  /** Token names, most of them hostile. */
  static final List<String> NAMES =
      List.of(
          "",
          " ",
          "_admin",
          "_ADMIN",
          "_admin\u200b",
          "\uff3f\uff41\uff44\uff4d\uff49\uff4e",
          "\u202eevil",
          "a\u0000b",
          "a\u0001b",
          "tab\tname",
          "line\nname",
          "\ud83d\ude00",
          "x".repeat(1000),
          "../etc/passwd",
          "a/b?c%d",
          "'; DROP TABLE tokens; --",
          "<script>",
          "\u00e9t\u00e9",
          "\ufeffbom");

  /** JSON documents that are not what an endpoint expects, or not JSON at all. */
  static final List<String> BAD_JSON =
      List.of(
          "{",
          "{\"token_name\":",
          "{\"token_name\":\"a\",}",
          "{'token_name':'a'}",
          "{\"token_name\":\"a\"} // comment",
          "{\"token_name\":\"a\",\"expiry_secs\":NaN}",
          "{token_name:\"a\"}",
          "{\"token_name\":\"a\",\"token_name\":\"b\"}",
          "[]",
          "null",
          "\"string\"",
          "",
          "   ",
          "\ufeff{\"token_name\":\"bom\"}",
          "{\"token_name\":123}",
          "{\"token_name\":null}",
          "{\"token_name\":[\"a\"]}",
          "{\"token_name\":{\"a\":1}}",
          "{\"token_name\":\"a\",\"expiry_secs\":-1}",
          "{\"token_name\":\"a\",\"expiry_secs\":1.5}",
          "{\"token_name\":\"a\",\"expiry_secs\":1e400}",
          "{\"token_name\":\"a\",\"expiry_secs\":9223372036854775808}",
          "{\"token_name\":\"a\",\"expiry_secs\":\"3600\"}",
          "{\"token_name\":\"a\",\"expiry_secs\":true}",
          "{\"token_name\":\"a\",\"unknown\":1}",
          "{\"description\":" + "1".repeat(5000) + "}",
          "{\"status\":\"nonsense\"}",
          "{\"status\":null,\"description\":null}",
          "{\"db\":\"_internal\",\"q\":\"DROP TABLE tokens\"}",
          "{\"db\":\"_internal\",\"q\":\"SELECT * FROM system.tokens\",\"format\":\"xml\"}",
          "{\"a\":\"\\u0000\\u001f\\\"\\\\\"}",
          "{\"token_name\":\"\\uZZZZ\"}",
          "{\"token_name\":\"a\\",
          "{\"token_name\":\"\\ud83d\\ude00\"}");

  /** JSON with escaped lone surrogates, which is not valid Unicode: refused with 400 (item 9). */
  static final boolean SEND_LONE_SURROGATES = true;

  static final List<String> LONE_SURROGATE_JSON =
      List.of(
          "{\"token_name\":\"x\\ud800\"}",
          "{\"token_name\":\"x\\udc00y\"}",
          "{\"token_name\":\"x\\ude00\\ud83d\"}",
          "{\"description\":\"\\udbff\"}");

  private FuzzValues() {}

  static <T> T pick(Random random, List<T> values) {
    return values.get(random.nextInt(values.size()));
  }

  /** A JSON string literal for {@code text}, escaping only what JSON requires. */
  static String jsonString(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append('"').toString();
  }

  /** {@code [[[…]]]} or {@code {"a":{"a":…}}} nested {@code depth} deep. */
  static String deeplyNested(Random random, int depth) {
    if (random.nextBoolean()) {
      return "[".repeat(depth) + "]".repeat(depth);
    }
    return "{\"token_name\":" + "{\"a\":".repeat(depth) + "1" + "}".repeat(depth) + "}";
  }
}
