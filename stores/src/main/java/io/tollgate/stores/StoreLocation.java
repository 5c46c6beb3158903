package io.tollgate.stores;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where Tollgate keeps its tokens, recovery code and audit log: chosen once, from the server's
 * options or the library's builder, and opened by {@link Stores#open(StoreLocation)}.
 */
public sealed interface StoreLocation permits StoreLocation.SqliteDirectory {

  /**
   * A SQLite database in a data directory ({@code dataDir/tollgate.db}), owned by one process at a
   * time: the default.
   *
   * @param dataDir the data directory; created (mode 0700) when missing
   */
  record SqliteDirectory(Path dataDir) implements StoreLocation {

    /**
     * @throws NullPointerException if {@code dataDir} is null
     */
    public SqliteDirectory {
      Objects.requireNonNull(dataDir, "dataDir");
    }
  }
}
