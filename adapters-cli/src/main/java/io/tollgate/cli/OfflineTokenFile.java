package io.tollgate.cli;

import io.tollgate.core.domain.Permission;
import io.tollgate.core.domain.Permissions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;

/**
 * Writes {@code {"token":…,"name":…,"expiry_millis":…}} for {@code serve --admin-token-file}, or
 * the permission-tokens file for {@code serve --permission-tokens-file}: complete or not at all (a
 * temporary file in the same directory, synced, then renamed), mode 0600 from the moment it exists,
 * and never over an existing file unless forced.
 */
final class OfflineTokenFile {

  static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

  String content(String token, String name, Optional<Long> expiryMillis) {
    return CliJson.write(
            json -> {
              json.writeStartObject();
              json.writeStringField("token", token);
              json.writeStringField("name", name);
              if (expiryMillis.isPresent()) {
                json.writeNumberField("expiry_millis", expiryMillis.get());
              }
              json.writeEndObject();
            })
        + "\n";
  }

  /**
   * InfluxDB 3 Enterprise's offline file for {@code serve --permission-tokens-file}: {@code
   * {"tokens":[{"token","name","expiry_millis"?,"permissions":["db:a,b:read,write"]}]}}.
   */
  String permissionTokensContent(
      String token, String name, Optional<Long> expiryMillis, Permissions permissions) {
    return CliJson.write(
            json -> {
              json.writeStartObject();
              json.writeArrayFieldStart("tokens");
              json.writeStartObject();
              json.writeStringField("token", token);
              json.writeStringField("name", name);
              if (expiryMillis.isPresent()) {
                json.writeNumberField("expiry_millis", expiryMillis.get());
              }
              json.writeArrayFieldStart("permissions");
              for (Permission permission : permissions.asList()) {
                json.writeString(permission.toString());
              }
              json.writeEndArray();
              json.writeEndObject();
              json.writeEndArray();
              json.writeEndObject();
            })
        + "\n";
  }

  void write(Path target, String content, boolean force) {
    OwnerOnlyFile.write(
        target,
        content.getBytes(StandardCharsets.UTF_8),
        force ? OwnerOnlyFile.Existing.REPLACE : OwnerOnlyFile.Existing.REFUSE_UNLESS_FORCED);
  }
}
