package io.tollgate.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.tollgate.core.domain.InvalidPermissionException;
import io.tollgate.core.domain.Permission;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The rules of {@code --authz-rules FILE}: a JSON list of {@code {"method"?, "host"?, "path": GLOB,
 * "require": [PERM…]}} or {@code {"method"?, "host"?, "path": GLOB, "anonymous": true}}, read and
 * checked once at start; the first rule that matches a request's method, host and path says what it
 * needs. Immutable, thread-safe.
 */
final class AuthzRules {
  private static final AuthzRules NONE = new AuthzRules(List.of());
  private static final Pattern METHOD = Pattern.compile("[A-Z][A-Z-]{0,31}");
  private static final Pattern HOST = Pattern.compile("[a-z0-9._~\\-\\[\\]:]{1,255}");
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .build();

  /** One rule; {@code method} and {@code host} null match any. */
  record Rule(
      int index,
      String method,
      String host,
      PathGlob path,
      List<Permission> require,
      boolean anonymous) {

    boolean matches(String requestMethod, String requestHost, List<String> segments) {
      if (method != null && !method.equalsIgnoreCase(requestMethod)) {
        return false;
      }
      if (host != null && !hostMatches(requestHost)) {
        return false;
      }
      return path.matches(segments);
    }

    private boolean hostMatches(String requestHost) {
      if (requestHost == null) {
        return false;
      }
      if (host.equalsIgnoreCase(requestHost)) {
        return true;
      }
      int colon = requestHost.lastIndexOf(':');
      return colon > 0
          && requestHost.indexOf(']', colon) < 0
          && host.length() == colon
          && requestHost.regionMatches(true, 0, host, 0, colon);
    }
  }

  /** The JSON form of one rule. */
  private record RuleJson(
      String method, String host, String path, List<String> require, Boolean anonymous) {}

  private final List<Rule> rules;

  private AuthzRules(List<Rule> rules) {
    this.rules = List.copyOf(rules);
  }

  /** No rules: every request needs any valid token (or its {@code require=} parameters). */
  static AuthzRules none() {
    return NONE;
  }

  /**
   * Reads and checks the rules file.
   *
   * @throws IllegalArgumentException with one line naming the file, the rule (from 0) and the fault
   */
  static AuthzRules load(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read --authz-rules " + file + ": " + e.getClass().getSimpleName());
    }
    try {
      return parse(bytes);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("invalid --authz-rules " + file + ": " + e.getMessage());
    }
  }

  /** As {@link #load}, from the file's bytes; the message does not name a file. */
  static AuthzRules parse(byte[] json) {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "not valid JSON: "
              + e.getOriginalMessage().lines().findFirst().orElse("")
              + " at line "
              + e.getLocation().getLineNr());
    } catch (IOException e) {
      throw new IllegalArgumentException("not valid JSON");
    }
    if (root == null || !root.isArray()) {
      throw new IllegalArgumentException("expected a JSON list of rules");
    }
    List<Rule> rules = new ArrayList<>();
    for (int i = 0; i < root.size(); i++) {
      try {
        rules.add(rule(i, root.get(i)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("rule " + i + ": " + e.getMessage());
      }
    }
    return new AuthzRules(rules);
  }

  private static Rule rule(int index, JsonNode node) {
    if (!node.isObject()) {
      throw new IllegalArgumentException("expected an object");
    }
    RuleJson json;
    try {
      json = MAPPER.treeToValue(node, RuleJson.class);
    } catch (UnrecognizedPropertyException e) {
      throw new IllegalArgumentException(
          "unknown field \""
              + e.getPropertyName()
              + "\" (known: method, host, path, require, anonymous)");
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "wrong type: " + e.getOriginalMessage().lines().findFirst().orElse(""));
    }
    if (json.path() == null) {
      throw new IllegalArgumentException("\"path\" is required");
    }
    PathGlob path;
    try {
      path = PathGlob.parse(json.path());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("invalid glob \"" + json.path() + "\": " + e.getMessage());
    }
    String method = null;
    if (json.method() != null) {
      method = json.method().toUpperCase(Locale.ROOT);
      if (!METHOD.matcher(method).matches()) {
        throw new IllegalArgumentException("invalid method \"" + json.method() + "\"");
      }
    }
    String host = null;
    if (json.host() != null) {
      host = json.host().toLowerCase(Locale.ROOT);
      if (!HOST.matcher(host).matches()) {
        throw new IllegalArgumentException("invalid host \"" + json.host() + "\"");
      }
    }
    boolean anonymous = Boolean.TRUE.equals(json.anonymous());
    if (anonymous == (json.require() != null)) {
      throw new IllegalArgumentException(
          "give either \"require\": [PERMISSION…] or \"anonymous\": true");
    }
    List<Permission> require = new ArrayList<>();
    if (json.require() != null) {
      for (String text : json.require()) {
        try {
          require.add(Permission.parse(text));
        } catch (InvalidPermissionException e) {
          throw new IllegalArgumentException(
              "invalid permission \"" + text + "\": " + e.getMessage());
        }
      }
    }
    return new Rule(index, method, host, path, List.copyOf(require), anonymous);
  }

  /** The first rule that matches, or null. {@code segments} null: a malformed original URI. */
  Rule first(String method, String host, List<String> segments) {
    for (int i = 0; i < rules.size(); i++) {
      Rule rule = rules.get(i);
      if (rule.matches(method, host, segments)) {
        return rule;
      }
    }
    return null;
  }

  boolean isEmpty() {
    return rules.isEmpty();
  }

  int size() {
    return rules.size();
  }
}
