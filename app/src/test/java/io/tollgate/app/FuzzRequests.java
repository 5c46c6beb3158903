package io.tollgate.app;

import static io.tollgate.app.FuzzValues.pick;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;

/**
 * Generates mutated HTTP/1.1 requests for the token API from a seeded {@link Random}: a plausible
 * request for one endpoint first, then up to four mutations of its method, path, query, version,
 * headers, Authorization, JSON body and framing. Deterministic for a seed and the same inputs.
 */
final class FuzzRequests {
  private static final String TOKEN = "/api/v3/configure/token";
  private static final int OVER_LIMIT = 64 * 1024 + 1 + 4000;

  /** A request as bytes, with what the checks need to know about it. */
  record Built(byte[] bytes, String method, String target, boolean invalidVersion, String label) {}

  private final Random random;
  private int sequence;

  // what the request is being built from
  private String method;
  private String path;
  private String query;
  private String version;
  private List<String> headers;
  private byte[] body;
  private FuzzFraming.Framing framing;
  private boolean invalidVersion;
  private String eol;
  private List<String> label;

  FuzzRequests(Random random) {
    this.random = random;
  }

  /**
   * @param admin a valid operator token, used by most requests so they reach the handlers
   * @param names the names of tokens that exist now (targets for delete and update)
   */
  Built next(String admin, List<String> names) {
    sequence++;
    label = new ArrayList<>();
    version = "HTTP/1.1";
    invalidVersion = false;
    eol = "\r\n";
    headers = new ArrayList<>(List.of("Host: tollgate.test"));
    body = new byte[0];
    framing = FuzzFraming.Framing.LENGTH;
    query = null;
    String target = names.isEmpty() ? "nobody" : pick(random, names);
    base(admin, random.nextInt(10) == 0 ? pick(random, FuzzValues.NAMES) : target);
    int mutations = random.nextInt(5);
    for (int i = 0; i < mutations; i++) {
      mutate(admin);
    }
    return new Built(
        assemble(),
        method,
        target(),
        invalidVersion || garbledRequestLine(),
        String.join(",", label));
  }

  private void base(String admin, String name) {
    int kind = random.nextInt(12);
    label.add("base" + kind);
    switch (kind) {
      case 0, 1 -> json("POST", TOKEN + "/named_admin", admin, createBody());
      case 2 -> request("DELETE", TOKEN, "token_name=" + encode(name), admin);
      case 3 -> json("PATCH", TOKEN + "?token_name=" + encode(name), admin, updateBody());
      case 4 -> request("POST", TOKEN + "/admin/regenerate", null, regenerateAuth(admin));
      case 5 -> request("POST", TOKEN + "/admin", null, null);
      case 6 -> request("GET", TOKEN, null, admin);
      case 7 ->
          request(
              "GET",
              "/api/v3/query_sql",
              "db=_internal&q=SELECT+*+FROM+system.tokens&format="
                  + pick(random, List.of("json", "jsonl", "csv", "pretty")),
              admin);
      case 8 ->
          json(
              "POST",
              "/api/v3/query_sql",
              admin,
              "{\"db\":\"_internal\",\"q\":\"select * from system.tokens;\",\"format\":\"csv\"}");
      case 9 -> request("GET", pick(random, List.of("/health", "/ping", "/metrics")), null, admin);
      case 10 ->
          // issuing a recovery code costs an Argon2 hash: rarely with a valid token
          request("POST", TOKEN + "/admin/recovery_code", null, regenerateAuth(admin));
      default ->
          request(pick(random, FuzzValues.METHODS), pick(random, FuzzValues.PATHS), null, admin);
    }
  }

  /** A token valid only for a few: a successful regeneration replaces the operator token. */
  private String regenerateAuth(String admin) {
    return random.nextInt(30) == 0 ? admin : "apiv3_" + "n".repeat(43);
  }

  private void request(String method, String pathAndQuery, String query, String bearer) {
    this.method = method;
    int mark = pathAndQuery.indexOf('?');
    this.path = mark < 0 ? pathAndQuery : pathAndQuery.substring(0, mark);
    this.query = mark < 0 ? query : pathAndQuery.substring(mark + 1);
    if (bearer != null) {
      headers.add("Authorization: Bearer " + bearer);
    }
  }

  private void json(String method, String pathAndQuery, String bearer, String json) {
    request(method, pathAndQuery, null, bearer);
    headers.add("Content-Type: application/json");
    body = json.getBytes(StandardCharsets.UTF_8);
  }

  private String createBody() {
    String name = "fz-" + sequence;
    return switch (random.nextInt(4)) {
      case 0 -> "{\"token_name\":\"" + name + "\"}";
      case 1 -> "{\"token_name\":\"" + name + "\",\"expiry_secs\":" + random.nextInt(100000) + "}";
      case 2 -> "{\"token_name\":\"" + name + "\",\"description\":\"fuzzed\",\"expiry_secs\":null}";
      default -> "{\"token_name\":" + FuzzValues.jsonString(pick(random, FuzzValues.NAMES)) + "}";
    };
  }

  private String updateBody() {
    return switch (random.nextInt(3)) {
      case 0 -> "{\"description\":" + FuzzValues.jsonString(pick(random, FuzzValues.NAMES)) + "}";
      case 1 -> "{\"status\":\"" + pick(random, List.of("active", "inactive")) + "\"}";
      default -> "{\"description\":\"d" + sequence + "\",\"status\":\"active\"}";
    };
  }

  private void mutate(String admin) {
    int kind = random.nextInt(14);
    switch (kind) {
      case 0 -> method = mark("method", pick(random, FuzzValues.METHODS));
      case 1 -> path = mark("path", pick(random, FuzzValues.PATHS));
      case 2 ->
          query =
              mark(
                  "query",
                  (query == null ? "a=1" : query) + pick(random, FuzzValues.QUERY_SUFFIXES));
      case 3 -> mutateVersion();
      case 4 -> headers.add(mark("header", pick(random, FuzzValues.HEADER_LINES)));
      case 5 -> mutateHost();
      case 6 -> mutateAuthorization(admin);
      case 7 -> mutateContentType();
      case 8, 9 -> mutateBody();
      case 10, 11 -> framing = mark("framing", pick(random, FuzzFraming.FRAMINGS));
      case 12 -> eol = mark("eol", pick(random, List.of("\n", "\r\n", "\r")));
      default -> manyHeaders();
    }
  }

  private <T> T mark(String what, T value) {
    label.add(what);
    return value;
  }

  private void mutateVersion() {
    if (random.nextInt(4) == 0) {
      version = mark("version", pick(random, FuzzValues.VALID_VERSIONS));
    } else {
      version = mark("badVersion", pick(random, FuzzValues.INVALID_VERSIONS));
      invalidVersion = true;
    }
  }

  private void mutateHost() {
    label.add("host");
    headers.removeIf(h -> h.startsWith("Host:"));
    switch (random.nextInt(4)) {
      case 0 -> {}
      case 1 -> headers.add("Host: a b");
      case 2 -> headers.add("Host: " + "h".repeat(5000));
      default -> headers.addAll(List.of("Host: one.test", "Host: two.test"));
    }
  }

  private void mutateAuthorization(String admin) {
    label.add("auth");
    headers.removeIf(h -> h.startsWith("Authorization:"));
    String basic =
        Base64.getEncoder().encodeToString(("user:" + admin).getBytes(StandardCharsets.UTF_8));
    List<String> values =
        List.of(
            "Bearer " + admin,
            "Token " + admin,
            "Basic " + basic,
            "bEARER " + admin,
            "Bearer  " + admin,
            "Bearer",
            "Bearer ",
            "Bearer " + admin + " extra",
            "Bearer\t" + admin,
            "Basic !!!not-base64",
            "Basic "
                + Base64.getEncoder().encodeToString("nocolon".getBytes(StandardCharsets.UTF_8)),
            "Basic "
                + Base64.getEncoder()
                    .encodeToString(("a:b:" + admin).getBytes(StandardCharsets.UTF_8)),
            "Bearer apiv3_unknown",
            "Bearer " + "x".repeat(10_000),
            "Digest username=\"a\"",
            "",
            "Bearer \u00e9\u00e9\u00e9",
            "Bearer " + admin.substring(0, admin.length() - 1) + (admin.endsWith("A") ? "B" : "A"));
    headers.add("Authorization: " + pick(random, values));
    if (random.nextInt(5) == 0) {
      headers.add("Authorization: Bearer " + admin);
    }
  }

  private void mutateContentType() {
    label.add("contentType");
    headers.removeIf(h -> h.startsWith("Content-Type:"));
    if (random.nextInt(6) != 0) {
      headers.add("Content-Type: " + pick(random, FuzzValues.CONTENT_TYPES));
    }
  }

  private void mutateBody() {
    int kind = random.nextInt(9);
    label.add("body" + kind);
    body =
        switch (kind) {
          case 0 -> utf8(pick(random, FuzzValues.BAD_JSON));
          case 1 ->
              utf8(
                  FuzzValues.deeplyNested(
                      random, pick(random, List.of(50, 999, 1001, 5000, 30_000))));
          case 2 -> utf8("{\"token_name\":\"" + "n".repeat(60_000) + "\"}");
          case 3 -> utf8("{\"token_name\":\"" + "o".repeat(OVER_LIMIT) + "\"}");
          case 4 ->
              utf8(
                  "{\"token_name\":" + FuzzValues.jsonString(pick(random, FuzzValues.NAMES)) + "}");
          case 5 -> invalidUtf8();
          case 6 ->
              utf8(
                  "{\"token_name\":\"fz-"
                      + sequence
                      + "\",\"description\":\""
                      + "\u00e9".repeat(20_000)
                      + "\"}");
          case 7 ->
              FuzzValues.SEND_LONE_SURROGATES
                  ? utf8(pick(random, FuzzValues.LONE_SURROGATE_JSON))
                  : randomBytes();
          default -> randomBytes();
        };
  }

  /** JSON whose bytes are not UTF-8 (a stray byte, an overlong form, a cut-off sequence). */
  private byte[] invalidUtf8() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(utf8("{\"token_name\":\"fz-" + sequence));
    out.writeBytes(
        pick(
            random,
            List.of(
                new byte[] {(byte) 0xff},
                new byte[] {(byte) 0xc0, (byte) 0xaf},
                new byte[] {(byte) 0xe2, (byte) 0x82},
                new byte[] {(byte) 0xf8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80})));
    out.writeBytes(utf8("\"}"));
    return out.toByteArray();
  }

  private byte[] randomBytes() {
    byte[] bytes = new byte[random.nextInt(2000)];
    random.nextBytes(bytes);
    return bytes;
  }

  private void manyHeaders() {
    label.add("manyHeaders");
    int count = pick(random, List.of(50, 200, 1000));
    for (int i = 0; i < count; i++) {
      headers.add("X-H" + i + ": v");
    }
  }

  /**
   * True when the server cannot find a valid version where it expects one: a method or target with
   * a space in it, an empty target, or a line not ended by LF. A 505 is the right answer then too.
   */
  private boolean garbledRequestLine() {
    String[] parts = (method + " " + target() + " " + version).split(" ", -1);
    return parts.length != 3
        || parts[1].isEmpty()
        || !FuzzValues.VALID_VERSIONS.contains(parts[2])
        || !eol.endsWith("\n");
  }

  private String target() {
    return query == null ? path : path + "?" + query;
  }

  private byte[] assemble() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    String requestLine = method + " " + target() + (version.isEmpty() ? "" : " " + version);
    out.writeBytes(utf8(requestLine + eol));
    for (String header : headers) {
      out.writeBytes(utf8(header + eol));
    }
    FuzzFraming.headers(framing, body, method, random)
        .forEach(header -> out.writeBytes(utf8(header + eol)));
    out.writeBytes(utf8(eol));
    out.writeBytes(FuzzFraming.body(framing, body, random));
    return out.toByteArray();
  }

  private static String encode(String text) {
    return java.net.URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
