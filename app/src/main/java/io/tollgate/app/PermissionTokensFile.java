package io.tollgate.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tollgate.core.domain.Expiry;
import io.tollgate.core.domain.InvalidInputException;
import io.tollgate.core.domain.Permission;
import io.tollgate.core.domain.Permissions;
import io.tollgate.core.domain.ResourceTypes;
import io.tollgate.core.domain.TokenName;
import io.tollgate.core.domain.TokenSecret;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * InfluxDB 3 Enterprise's permission-tokens file, as {@code tollgate create token --permission …
 * --offline} writes it: {@code {"tokens": [{"token", "name", "expiry_millis"?, "permissions":
 * ["db:a,b:read,write"]}]}}. Read once at startup by {@code serve --permission-tokens-file}; every
 * entry is checked (the secret's shape, the name, the permissions against the server's resource
 * types, the expiry) before any is imported. Messages name the file and the entry, never a token.
 */
record PermissionTokensFile(Path file, List<Entry> tokens, boolean looselyReadable) {

  static final String OPTION = "--permission-tokens-file";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long MAX_BYTES = 16L * 1024 * 1024;
  private static final Set<String> FIELDS = Set.of("token", "name", "expiry_millis", "permissions");

  /** One token of the file. */
  record Entry(TokenName name, TokenSecret secret, Expiry expiry, Permissions permissions) {
    @Override
    public String toString() {
      return "Entry[name="
          + name
          + ", secret=redacted, expiry="
          + expiry
          + ", "
          + permissions
          + "]";
    }
  }

  PermissionTokensFile {
    tokens = List.copyOf(tokens);
  }

  static PermissionTokensFile read(Path file, ResourceTypes types) {
    JsonNode root;
    try {
      if (Files.size(file) > MAX_BYTES) {
        throw invalid(file, "larger than 16 MiB");
      }
      root = JSON.readTree(Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(OPTION + " " + file + ": no such file");
    } catch (IOException e) {
      throw invalid(file, "not readable JSON");
    }
    if (root == null || !root.isObject() || !root.has("tokens") || !root.get("tokens").isArray()) {
      throw invalid(file, "expected a JSON object {\"tokens\": [...]}");
    }
    List<Entry> entries = new ArrayList<>();
    Set<TokenName> names = new HashSet<>();
    Set<String> secrets = new HashSet<>();
    int index = 0;
    for (JsonNode node : root.get("tokens")) {
      String where = "token " + index;
      Entry entry = entry(file, where, node, types);
      if (!names.add(entry.name())) {
        throw invalid(file, where + ": the name " + entry.name().value() + " appears twice");
      }
      if (!secrets.add(entry.secret().value())) {
        throw invalid(file, where + ": the same token string appears twice");
      }
      entries.add(entry);
      index++;
    }
    return new PermissionTokensFile(file, entries, AdminTokenFile.looselyReadable(file));
  }

  private static Entry entry(Path file, String where, JsonNode node, ResourceTypes types) {
    if (!node.isObject()) {
      throw invalid(file, where + ": expected an object with \"token\", \"name\", \"permissions\"");
    }
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (!FIELDS.contains(field)) {
        throw invalid(file, where + ": unknown field " + shown(field));
      }
    }
    JsonNode token = node.get("token");
    JsonNode name = node.get("name");
    JsonNode expiry = node.get("expiry_millis");
    JsonNode permissions = node.get("permissions");
    if (token == null || !token.isTextual()) {
      throw invalid(file, where + ": \"token\" must be a string");
    }
    if (name == null || !name.isTextual()) {
      throw invalid(file, where + ": \"name\" must be a string");
    }
    if (expiry != null && !expiry.isNull() && !expiry.canConvertToExactIntegral()) {
      throw invalid(file, where + ": \"expiry_millis\" must be an integer");
    }
    if (permissions == null || !permissions.isArray()) {
      throw invalid(file, where + ": \"permissions\" must be a list of TYPE:NAMES:ACTIONS");
    }
    TokenName tokenName;
    try {
      tokenName = TokenName.of(name.asText());
    } catch (InvalidInputException e) {
      throw invalid(file, where + ": " + e.getMessage());
    }
    String at = where + " (" + tokenName.value() + ")";
    TokenSecret secret;
    try {
      secret = TokenSecret.imported(token.asText());
    } catch (InvalidInputException e) {
      throw invalid(file, at + ": " + e.getMessage());
    }
    List<Permission> held = new ArrayList<>();
    try {
      for (JsonNode permission : permissions) {
        if (!permission.isTextual()) {
          throw invalid(file, at + ": each permission must be a string TYPE:NAMES:ACTIONS");
        }
        held.add(Permission.parse(permission.asText()));
      }
      Permissions checked = Permissions.of(held);
      if (!checked.isAdmin()) {
        types.check(checked);
      }
      if (tokenName.isOperator() && !checked.isAdmin()) {
        throw invalid(file, at + ": the operator token _admin holds *:*:*");
      }
      Expiry expires =
          expiry == null || expiry.isNull() ? Expiry.NEVER : Expiry.atEpochMilli(expiry.asLong());
      if (tokenName.isOperator() && !expires.isNever()) {
        throw invalid(file, at + ": the operator token never expires");
      }
      return new Entry(tokenName, secret, expires, checked);
    } catch (InvalidInputException e) {
      throw invalid(file, at + ": " + e.getMessage());
    }
  }

  private static String shown(String value) {
    return value.matches("[\\x21-\\x7e]{1,64}")
        ? "\"" + value + "\""
        : "(" + value.length() + " characters)";
  }

  private static IllegalArgumentException invalid(Path file, String why) {
    return new IllegalArgumentException(OPTION + " " + file + ": " + why);
  }
}
