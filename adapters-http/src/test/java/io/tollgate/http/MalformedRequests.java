package io.tollgate.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Generators of malformed raw HTTP requests over every endpoint, for {@link BadInputTest}: each
 * call of a generator draws one request from its family with the given random source.
 */
final class MalformedRequests {
  private static final String[] NASTY = {
    "\u0000",
    "\u0007",
    "\u001b[31m",
    "\u202e",
    "\ud83d\ude00",
    "\u00e9",
    "\\",
    "\"",
    "'",
    "<script>",
    "%00",
    "%zz",
    "\u2028",
    "\ufeff",
    "{",
    "}",
    "[",
    "]",
    ":",
    ",",
    "\t",
    " "
  };

  private MalformedRequests() {}

  static List<Supplier<String>> generators(Random random, String admin) {
    List<Supplier<String>> generators = new ArrayList<>();
    String auth = "Authorization: Bearer " + admin + "\r\n";
    // bad JSON to named_admin
    generators.add(
        () -> post("/api/v3/configure/token/named_admin", auth, json(), garbledJson(random)));
    // wrong types
    generators.add(
        () ->
            post(
                "/api/v3/configure/token/named_admin",
                auth,
                json(),
                "{\"token_name\":"
                    + pick(random, "1", "true", "null", "[]", "{}", "1.5", "-0")
                    + "}"));
    generators.add(
        () ->
            post(
                "/api/v3/configure/token/named_admin",
                auth,
                json(),
                "{\"token_name\":\"n"
                    + random.nextInt(1000)
                    + "\",\"expiry_secs\":"
                    + pick(
                        random,
                        "-1",
                        "-9223372036854775808",
                        "18446744073709551616",
                        "1e400",
                        "1.5",
                        "\"10\"",
                        "[1]",
                        "true",
                        "9".repeat(60),
                        "999999999999",
                        "9223372036854775807")
                    + "}"));
    // invalid names: control characters, too long, only whitespace, reserved
    generators.add(
        () ->
            post(
                "/api/v3/configure/token/named_admin",
                auth,
                json(),
                "{\"token_name\":\""
                    + pick(
                        random,
                        "a\\u0000b",
                        "\\n",
                        "x\\u0007",
                        "   ",
                        "",
                        "_admin",
                        "y".repeat(129 + random.nextInt(50)),
                        "\\u2028")
                    + "\"}"));
    // duplicate keys, trailing garbage, nesting
    generators.add(
        () ->
            post(
                "/api/v3/configure/token/named_admin",
                auth,
                json(),
                pick(
                    random,
                    "{\"token_name\":\"a\",\"token_name\":\"b\"}",
                    "{\"token_name\":\"a\"} trailing",
                    "[".repeat(100 + random.nextInt(200)),
                    "{\"token_name\":\"a\"}{}",
                    "\"just a string\"",
                    "[]")));
    // wrong content types
    generators.add(
        () ->
            post(
                "/api/v3/configure/token/named_admin",
                auth,
                "Content-Type: "
                    + pick(random, "text/plain", "application/jsonx", "json", "")
                    + "\r\n",
                "{\"token_name\":\"ct" + random.nextInt(1000) + "\"}"));
    // oversized bodies, with and without content-length
    generators.add(
        () ->
            post(
                pick(
                    random,
                    "/api/v3/configure/token/named_admin",
                    "/api/v3/configure/token/admin",
                    "/api/v3/query_sql",
                    "/api/v3/configure/token/admin/regenerate"),
                auth,
                json(),
                "{\"token_name\":\"" + "z".repeat(65_537 + random.nextInt(10_000)) + "\"}"));
    generators.add(
        () ->
            "POST /api/v3/configure/token/named_admin HTTP/1.1\r\nHost: x\r\n"
                + auth
                + json()
                + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                + "11000\r\n"
                + "q".repeat(0x11000)
                + "\r\n0\r\n\r\n");
    // delete: missing, repeated, bad encoding, unknown, operator
    generators.add(
        () ->
            request(
                "DELETE",
                "/api/v3/configure/token"
                    + pick(
                        random,
                        "",
                        "?token_name=a&token_name=b",
                        "?token_name=%zz",
                        "?token_name=%E2%80",
                        "?token_name=ghost" + random.nextInt(1000),
                        "?token_name=_admin",
                        "?token_name=",
                        "?name=keep",
                        "?token_name=" + "w".repeat(200),
                        "?token_name=%00"),
                auth,
                ""));
    // query_sql: other db, other query, bad format, repeated params, bad JSON body
    generators.add(
        () ->
            request(
                "GET",
                "/api/v3/query_sql"
                    + pick(
                        random,
                        "",
                        "?db=_internal",
                        "?q=select%201",
                        "?db=x&q=select%20*%20from%20system.tokens",
                        "?db=_internal&q=drop%20table%20system.tokens",
                        "?db=_internal&q=select%20*%20from%20system.tokens&format=xml",
                        "?db=_internal&db=_internal&q=select%20*%20from%20system.tokens",
                        "?db=_internal&q=%ZZ"),
                auth,
                ""));
    generators.add(
        () ->
            post(
                "/api/v3/query_sql",
                auth,
                json(),
                pick(
                    random,
                    "{}",
                    "{\"db\":1,\"q\":\"x\"}",
                    "{\"db\":\"_internal\",\"q\":\"select 1\"}",
                    garbledJson(random),
                    "{\"db\":\"_internal\",\"q\":\"select * from system.tokens\",\"format\":7}")));
    // authorization: malformed, unknown, repeated, very long
    generators.add(
        () ->
            request(
                pick(random, "GET", "POST", "DELETE"),
                pick(
                    random,
                    "/api/v3/configure/token",
                    "/api/v3/configure/token/admin/regenerate",
                    "/api/v3/configure/token/named_admin",
                    "/health",
                    "/metrics",
                    "/ping",
                    "/api/v3/query_sql"),
                "Authorization: "
                    + pick(
                        random,
                        "bearer " + admin,
                        "Bearer",
                        "Bearer " + admin + " " + admin,
                        "Basic " + "%%%",
                        "Token apiv3_" + pick(random, NASTY),
                        "Bearer " + admin.substring(0, admin.length() - 1),
                        "Bearer " + "A".repeat(4000))
                    + "\r\n",
                ""));
    generators.add(
        () ->
            request(
                "GET",
                "/api/v3/configure/token",
                auth + "Authorization: Bearer " + admin + "\r\n",
                ""));
    // very long headers and URIs (Jetty refuses them before Tollgate sees them)
    generators.add(
        () ->
            request(
                "GET",
                "/api/v3/configure/token",
                // over the listener's 64 KiB header limit (raised for gateways' headers)
                auth
                    + "X-Long: "
                    + "h".repeat(TollgateHttpServer.MAX_REQUEST_HEADER_BYTES + 1)
                    + "\r\n",
                ""));
    generators.add(() -> request("GET", "/" + "u".repeat(20_000), auth, ""));
    // unknown routes and methods, bad paths
    generators.add(
        () ->
            request(
                pick(random, "GET", "PUT", "PATCH", "POST"),
                pick(
                    random,
                    "/api/v3/configure/token/admin/" + random.nextInt(100),
                    "/api/v3/configure/token/named_admin/x",
                    "/api/v2/write",
                    "/%zz",
                    "/api/v3/configure/token/../../../etc/passwd",
                    "/api/v3/configure/token;x=1",
                    "/\u00e9\u00e8"),
                auth,
                ""));
    // PATCH (description and status): bad fields, bad JSON, unknown or operator token
    generators.add(
        () ->
            request(
                "PATCH",
                "/api/v3/configure/token"
                    + pick(
                        random,
                        "?token_name=keep",
                        "?token_name=keep",
                        "",
                        "?token_name=a&token_name=b"),
                auth + json(),
                pick(
                    random,
                    "{}",
                    "{\"status\":\"paused\"}",
                    "{\"status\":\"ACTIVE\"}",
                    "{\"status\":1}",
                    "{\"description\":\"" + "d".repeat(1025) + "\"}",
                    "{\"description\":\"a\\u0007b\"}",
                    "{\"description\":[]}",
                    "{\"status\":\"inactive\",\"status\":\"active\"}",
                    garbledJson(random))));
    generators.add(
        () ->
            request(
                "PATCH",
                "/api/v3/configure/token?token_name="
                    + pick(random, "_admin", "ghost" + random.nextInt(1000), "%zz"),
                auth + pick(random, json(), "Content-Type: text/plain\r\n", ""),
                "{\"status\":\"inactive\"}"));
    // recovery code without a valid token
    generators.add(
        () ->
            post(
                "/api/v3/configure/token/admin/recovery_code",
                pick(random, "", "Authorization: Bearer apiv3_nobody\r\n", "Authorization: x\r\n"),
                "",
                ""));
    // regenerate with a named token that no longer exists
    generators.add(
        () ->
            post(
                "/api/v3/configure/token/admin/regenerate",
                "Authorization: Token apiv3_gone\r\n",
                "",
                ""));
    return generators;
  }

  private static String json() {
    return "Content-Type: application/json\r\n";
  }

  private static String garbledJson(Random random) {
    StringBuilder out = new StringBuilder("{\"token_name\":\"g");
    for (int i = 0; i < 1 + random.nextInt(8); i++) {
      out.append(pick(random, NASTY));
    }
    String full = out.append("\"}").toString();
    return full.substring(0, 1 + random.nextInt(full.length() - 1));
  }

  private static String post(String path, String auth, String contentType, String body) {
    return request("POST", path, auth + contentType, body);
  }

  private static String request(String method, String path, String headers, String body) {
    int length = body.getBytes(StandardCharsets.UTF_8).length;
    return method
        + " "
        + path
        + " HTTP/1.1\r\nHost: localhost\r\n"
        + headers
        + (length > 0 || method.equals("POST") ? "Content-Length: " + length + "\r\n" : "")
        + "Connection: close\r\n\r\n"
        + body;
  }

  private static String pick(Random random, String... options) {
    return options[random.nextInt(options.length)];
  }
}
