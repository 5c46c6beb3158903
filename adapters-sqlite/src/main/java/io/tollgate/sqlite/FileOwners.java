package io.tollgate.sqlite;

import com.sun.security.auth.module.UnixSystem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Who owns a file and who runs this process, by numeric user id. A seam, so that a test can present
 * a directory as another user's without being root; {@link #SYSTEM} asks the operating system.
 */
interface FileOwners {

  /** A user: its numeric id, and its name when it has one. */
  record Owner(long uid, String name) {
    @Override
    public String toString() {
      return name == null || name.isEmpty() || name.equals(Long.toString(uid))
          ? "uid " + uid
          : name + " (uid " + uid + ")";
    }
  }

  /** The owner of {@code path} (not followed if a link), or null where there are no user ids. */
  Owner ownerOf(Path path) throws IOException;

  /** The user running this process, or null where it cannot be known. */
  Owner currentUser();

  FileOwners SYSTEM =
      new FileOwners() {
        @Override
        public Owner ownerOf(Path path) throws IOException {
          Object uid;
          try {
            uid = Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS);
          } catch (UnsupportedOperationException | IllegalArgumentException noUnixView) {
            return null;
          }
          String name = Files.getOwner(path, LinkOption.NOFOLLOW_LINKS).getName();
          return new Owner(((Number) uid).longValue(), name);
        }

        @Override
        public Owner currentUser() {
          try {
            UnixSystem system = new UnixSystem();
            return new Owner(system.getUid(), system.getUsername());
          } catch (LinkageError | RuntimeException notUnix) {
            return null;
          }
        }
      };
}
