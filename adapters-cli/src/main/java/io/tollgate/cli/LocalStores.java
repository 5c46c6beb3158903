package io.tollgate.cli;

import io.tollgate.core.domain.IssuedToken;
import io.tollgate.core.domain.Token;
import java.nio.file.Path;
import java.util.List;

/**
 * The offline operations on a data directory ({@code tollgate recovery …}, {@code backup}, {@code
 * restore}) and between stores ({@code store copy}). Implemented by the composition root ({@code
 * app}) over the SQLite store, so this module depends on neither the store nor core's services.
 * Every method throws a {@link io.tollgate.core.domain.TollgateException} (usually a {@link
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

  /**
   * Copies the whole store at {@code from} into the empty store at {@code to} (either a data
   * directory or a PostgreSQL URL): tokens, id counter, imported hashes, audit log and key,
   * recovery code and cluster id, in one transaction on the target, then reads the target back and
   * compares every token with the source. Refused, with nothing written, when the target is not
   * empty, a data directory is held by a running server, or the source directory holds no store.
   *
   * @return what the target holds afterwards, counts only
   * @throws IllegalArgumentException if {@code from} and {@code to} are the same store
   */
  CopySummary copyStore(StoreEndpoint from, StoreEndpoint to);

  /**
   * What {@link #copyStore} copied, counts only.
   *
   * @param tokens tokens copied
   * @param importedHashes hashes remembered from token files
   * @param auditEntries audit lines
   * @param recoveryCode whether a recovery code's hash was copied
   */
  record CopySummary(int tokens, int importedHashes, int auditEntries, boolean recoveryCode) {}
}
