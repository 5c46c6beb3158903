package io.tollgate.cli;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One side of {@code tollgate store copy}: a SQLite data directory, or a PostgreSQL database
 * ({@link StoreUrl}, whose {@code toString()} never shows the password).
 */
public sealed interface StoreEndpoint permits StoreEndpoint.DataDirectory, StoreUrl {

  /**
   * A data directory holding (or to hold) {@code tollgate.db}.
   *
   * @param dir the directory, as given (home expanded)
   */
  record DataDirectory(Path dir) implements StoreEndpoint {
    public DataDirectory {
      Objects.requireNonNull(dir, "dir");
    }

    @Override
    public String toString() {
      return dir.toString();
    }
  }
}
