package io.tollgate.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tollgate.core.domain.Expiry;
import io.tollgate.core.domain.TokenName;
import io.tollgate.core.domain.TokenSecret;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/**
 * A token file written by {@code tollgate create token --offline} or {@code influxdb3 create token
 * --admin --offline}, or by hand in the shape InfluxDB documents: {@code {"token", "name",
 * "description"?, "expiry_millis"?}}. Read once at startup by {@code serve --admin-token-file}.
 * Error messages name the file and never quote its token.
 *
 * <p>InfluxDB's documented example names the operator token {@code _admin} with an {@code
 * expiry_millis}; the operator token never expires, so that expiry is dropped here ({@link
 * #expiryIgnored()}, for the launcher to warn about) rather than the file refused.
 */
record AdminTokenFile(
    TokenName name,
    TokenSecret secret,
    Expiry expiry,
    boolean looselyReadable,
    boolean expiryIgnored) {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long MAX_BYTES = 64 * 1024;

  static AdminTokenFile read(Path file) {
    JsonNode root;
    try {
      if (Files.size(file) > MAX_BYTES) {
        throw invalid(file, "larger than 64 KiB");
      }
      root = JSON.readTree(Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("--admin-token-file " + file + ": no such file");
    } catch (IOException e) {
      throw invalid(file, "not readable JSON");
    }
    if (root == null || !root.isObject()) {
      throw invalid(file, "expected a JSON object with \"token\" and \"name\"");
    }
    JsonNode token = root.get("token");
    JsonNode name = root.get("name");
    JsonNode expiry = root.get("expiry_millis");
    if (token == null || !token.isTextual()) {
      throw invalid(file, "\"token\" must be a string");
    }
    if (name == null || !name.isTextual()) {
      throw invalid(file, "\"name\" must be a string");
    }
    if (expiry != null && !expiry.isNull() && !expiry.canConvertToExactIntegral()) {
      throw invalid(file, "\"expiry_millis\" must be an integer");
    }
    try {
      TokenName tokenName = TokenName.of(name.asText());
      boolean hasExpiry = expiry != null && !expiry.isNull();
      boolean ignored = hasExpiry && tokenName.isOperator();
      return new AdminTokenFile(
          tokenName,
          TokenSecret.imported(token.asText()),
          hasExpiry && !ignored ? Expiry.atEpochMilli(expiry.asLong()) : Expiry.NEVER,
          looselyReadable(file),
          ignored);
    } catch (RuntimeException e) {
      throw invalid(file, e.getMessage());
    }
  }

  static boolean looselyReadable(Path file) {
    try {
      Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
      return permissions.contains(PosixFilePermission.GROUP_READ)
          || permissions.contains(PosixFilePermission.OTHERS_READ);
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }

  private static IllegalArgumentException invalid(Path file, String why) {
    return new IllegalArgumentException("--admin-token-file " + file + ": " + why);
  }

  @Override
  public String toString() {
    return "AdminTokenFile[name=" + name + ", secret=redacted, expiry=" + expiry + "]";
  }
}
