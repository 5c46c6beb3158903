package io.tollgate.cli;

import io.tollgate.core.domain.Permission;
import io.tollgate.core.domain.Permissions;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
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
    Path absolute = target.toAbsolutePath();
    Path dir = absolute.getParent();
    if (dir == null || !Files.isDirectory(dir)) {
      throw new CliFailure("cannot write " + target + ": directory " + dir + " does not exist");
    }
    if (!force && Files.exists(absolute, LinkOption.NOFOLLOW_LINKS)) {
      throw new CliFailure(
          target + " already exists; refusing to overwrite it (use --force to replace it)");
    }
    if (Files.isDirectory(absolute)) {
      throw new CliFailure("cannot write " + target + ": it is a directory");
    }
    Path temp = null;
    try {
      temp = createOwnerOnlyTemp(dir);
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        ByteBuffer bytes = ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
          channel.write(bytes);
        }
        channel.force(true);
      }
      if (force) {
        moveReplacing(temp, absolute);
      } else {
        linkWithoutReplacing(temp, absolute);
      }
      temp = null;
    } catch (FileAlreadyExistsException e) {
      throw new CliFailure(
          target + " already exists; refusing to overwrite it (use --force to replace it)");
    } catch (IOException e) {
      throw new CliFailure("cannot write " + target + ": " + reason(e));
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException ignored) {
          // best effort: a stray temporary file holds a token only the failed run saw
        }
      }
    }
  }

  private static Path createOwnerOnlyTemp(Path dir) throws IOException {
    try {
      FileAttribute<Set<PosixFilePermission>> ownerOnly =
          PosixFilePermissions.asFileAttribute(OWNER_ONLY);
      return Files.createTempFile(dir, ".tollgate-token-", ".tmp", ownerOnly);
    } catch (UnsupportedOperationException notPosix) {
      return Files.createTempFile(dir, ".tollgate-token-", ".tmp");
    }
  }

  private static void moveReplacing(Path temp, Path target) throws IOException {
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** A hard link fails atomically when the target exists, so no check-then-act race. */
  private static void linkWithoutReplacing(Path temp, Path target) throws IOException {
    try {
      Files.createLink(target, temp);
      Files.delete(temp);
    } catch (UnsupportedOperationException | FileSystemException e) {
      if (e instanceof FileAlreadyExistsException) {
        throw (FileAlreadyExistsException) e;
      }
      Files.move(temp, target);
    }
  }

  private static String reason(IOException e) {
    if (e instanceof FileSystemException && ((FileSystemException) e).getReason() != null) {
      return ((FileSystemException) e).getReason();
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
