package io.tollgate.cli;

import io.tollgate.core.domain.IssuedToken;
import io.tollgate.core.domain.Token;
import java.nio.file.Path;
import java.util.List;

/**
 * The offline operations on a data directory ({@code tollgate recovery …}, {@code backup}, {@code
 * restore}). Implemented by the composition root ({@code app}) over the SQLite store, so this
 * module depends on neither the store nor core's services. Every method throws a {@link
 * io.tollgate.core.domain.TollgateException} (usually a {@link
 * io.tollgate.core.domain.StoreException}) with a message naming the directory or file when it
 * cannot do its work; the CLI prints it on one line and exits 1.
 */
public interface LocalStores {

  /**
   * The tokens of the store in {@code dataDir}, ordered by id, without secrets. Reads over a
   * read-only connection and takes no lock: it works while a server runs, and creates nothing.
   */
  List<Token> list(Path dataDir);

  /**
   * Creates the operator token {@code _admin} in the store in {@code dataDir}, or regenerates it
   * when it exists, audited as offline recovery. Takes the directory's lock, so it is refused while
   * a server holds the store; refused as well when {@code dataDir} holds no store yet.
   *
   * @return the token with its secret, to be shown once; {@code token().updatedAt()} is null when
   *     it was created, set when it was regenerated
   */
  IssuedToken createOrRegenerateOperator(Path dataDir);

  /**
   * Writes a consistent copy of the store in {@code dataDir} to {@code output} (mode 0600, complete
   * or not at all), also while a server runs.
   *
   * @param replace whether an existing {@code output} may be replaced
   */
  void backup(Path dataDir, Path output, boolean replace);

  /**
   * Checks, reading only, that {@code backup} is a Tollgate store this version can restore.
   *
   * @return its schema version
   */
  int verifyBackup(Path backup);

  /**
   * Replaces the store in {@code dataDir} with a copy of {@code backup}, atomically; refused while
   * a server holds the directory, and for a backup {@link #verifyBackup} refuses. On refusal {@code
   * dataDir} is left as it was.
   */
  void restore(Path backup, Path dataDir);
}
