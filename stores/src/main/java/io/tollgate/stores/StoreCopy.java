package io.tollgate.stores;

import io.tollgate.core.domain.StoreException;
import io.tollgate.core.domain.Token;
import io.tollgate.core.port.out.StoreSnapshot;
import io.tollgate.core.port.out.TokenStore;
import io.tollgate.sqlite.SqliteStores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * {@code tollgate store copy}: the whole store at one location written into an empty store at
 * another, of either kind, in one transaction on the target, then read back and compared.
 */
final class StoreCopy {

  private StoreCopy() {}

  static StoreCopyReport copy(StoreLocation from, StoreLocation to) {
    return copy(from, to, Stores::open);
  }

  /**
   * As {@link #copy(StoreLocation, StoreLocation)}, opening both stores with {@code opener}. A
   * SQLite target the copy created (no database there before) is removed again when the copy fails,
   * with its directory when that did not exist either: a failed copy leaves no trace.
   */
  static StoreCopyReport copy(
      StoreLocation from, StoreLocation to, Function<StoreLocation, TokenStore> opener) {
    requireDifferent(from, to);
    if (from instanceof StoreLocation.SqliteDirectory sqlite) {
      requireExistingStore(sqlite.dataDir());
    }
    NewSqliteTarget created = NewSqliteTarget.before(to);
    try (TokenStore source = opener.apply(from)) {
      TokenStore target = opener.apply(to);
      StoreCopyReport report;
      try {
        report = copyBetween(source, target, to);
      } catch (RuntimeException e) {
        try {
          target.close();
        } catch (RuntimeException closing) {
          e.addSuppressed(closing);
        }
        created.discard(e);
        throw e;
      }
      target.close();
      return report;
    }
  }

  private static StoreCopyReport copyBetween(
      TokenStore source, TokenStore target, StoreLocation to) {
    StoreSnapshot snapshot = source.exportSnapshot();
    target.importSnapshot(snapshot);
    StoreSnapshot written = target.exportSnapshot();
    verify(snapshot, written, describe(to));
    return new StoreCopyReport(
        written.tokens().size(),
        written.importedTokens().size(),
        written.auditEntries().size(),
        written.recoveryCode() != null);
  }

  /** Where a store is, for messages: a directory, or a URL without its password. */
  static String describe(StoreLocation location) {
    if (location instanceof StoreLocation.SqliteDirectory sqlite) {
      return sqlite.dataDir().toAbsolutePath().normalize().toString();
    }
    return Redaction.redact(((StoreLocation.PostgresUrl) location).url());
  }

  private static void requireDifferent(StoreLocation from, StoreLocation to) {
    boolean same;
    if (from instanceof StoreLocation.SqliteDirectory a
        && to instanceof StoreLocation.SqliteDirectory b) {
      same = sameDirectory(a.dataDir(), b.dataDir());
    } else if (from instanceof StoreLocation.PostgresUrl a
        && to instanceof StoreLocation.PostgresUrl b) {
      same = a.url().equals(b.url());
    } else {
      same = false;
    }
    if (same) {
      throw new IllegalArgumentException(
          "the source and the target are the same store (" + describe(from) + ")");
    }
  }

  private static boolean sameDirectory(Path a, Path b) {
    if (a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize())) {
      return true;
    }
    try {
      return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
    } catch (IOException e) {
      return false;
    }
  }

  private static void requireExistingStore(Path dataDir) {
    Path database = dataDir.resolve(SqliteStores.DATABASE_FILE_NAME);
    if (!Files.isRegularFile(database, LinkOption.NOFOLLOW_LINKS)) {
      throw new StoreException(
          "there is no Tollgate store in "
              + dataDir.toAbsolutePath().normalize()
              + " (no "
              + SqliteStores.DATABASE_FILE_NAME
              + "); check the source directory");
    }
  }

  /**
   * The target read back holds what the source held: every token with the same id, name, hash,
   * permissions and status, the same id counter, identity, imported hashes, audit lines and
   * recovery code.
   *
   * @throws StoreException naming the first difference (never a hash)
   */
  static void verify(StoreSnapshot source, StoreSnapshot written, String target) {
    String difference = firstDifference(source, written);
    if (difference != null) {
      throw new StoreException(
          "the copied store does not match its source",
          "the copy in "
              + target
              + " does not match its source ("
              + difference
              + "); do not use it: empty it and copy again",
          null);
    }
  }

  private static String firstDifference(StoreSnapshot source, StoreSnapshot written) {
    List<Token> expected = source.tokens();
    List<Token> actual = written.tokens();
    if (expected.size() != actual.size()) {
      return "it holds " + actual.size() + " tokens instead of " + expected.size();
    }
    for (int i = 0; i < expected.size(); i++) {
      Token a = expected.get(i);
      Token b = actual.get(i);
      boolean same =
          a.id().equals(b.id())
              && a.name().equals(b.name())
              && a.hash().equals(b.hash())
              && a.permissions().equals(b.permissions())
              && a.status() == b.status();
      if (!same) {
        return "token " + a.id().value() + " differs";
      }
    }
    if (source.nextTokenId() != written.nextTokenId()) {
      return "its next token id is " + written.nextTokenId() + ", not " + source.nextTokenId();
    }
    if (!source.clusterId().equals(written.clusterId())) {
      return "its cluster id differs";
    }
    if (!source.importedTokens().equals(written.importedTokens())) {
      return "its imported hashes differ";
    }
    if (source.auditEntries().size() != written.auditEntries().size()) {
      return "it holds "
          + written.auditEntries().size()
          + " audit lines instead of "
          + source.auditEntries().size();
    }
    if (!java.util.Arrays.equals(source.auditKey(), written.auditKey())) {
      return "its audit key differs";
    }
    if (!Objects.equals(source.recoveryCode(), written.recoveryCode())) {
      return "its recovery code differs";
    }
    return null;
  }
}
