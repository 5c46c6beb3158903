package io.tollgate.app;

import io.tollgate.cli.LocalStores;
import io.tollgate.cli.StoreEndpoint;
import io.tollgate.cli.StoreUrl;
import io.tollgate.core.crypto.SecureRandomSecretGenerator;
import io.tollgate.core.crypto.Sha512TokenHasher;
import io.tollgate.core.domain.Actor;
import io.tollgate.core.domain.IssuedToken;
import io.tollgate.core.domain.StoreException;
import io.tollgate.core.domain.Token;
import io.tollgate.core.domain.TokenName;
import io.tollgate.core.port.out.TokenStore;
import io.tollgate.core.service.TokenService;
import io.tollgate.sqlite.SqliteStores;
import io.tollgate.stores.StoreCopyReport;
import io.tollgate.stores.StoreLocation;
import io.tollgate.stores.Stores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * The CLI's offline operations on a data directory, which only make sense for the SQLite store and
 * so name it: listing and backup through read-only connections (fine while a server runs), restore
 * under the directory's lock ({@link SqliteStores}); operator recovery through core's {@link
 * TokenService} on the store, opened exclusively by {@link Stores} like any other (its changes are
 * audited as offline recovery). {@code store copy} goes between any two kinds of store, through
 * {@link Stores#copy}.
 */
final class SqliteLocalStores implements LocalStores {

  private final Clock clock;

  SqliteLocalStores() {
    this(Clock.systemUTC());
  }

  SqliteLocalStores(Clock clock) {
    this.clock = clock;
  }

  @Override
  public List<Token> list(Path dataDir) {
    return SqliteStores.readTokens(dataDir);
  }

  @Override
  public IssuedToken createOrRegenerateOperator(Path dataDir) {
    Path databaseFile = dataDir.resolve(SqliteStores.DATABASE_FILE_NAME);
    if (!Files.isRegularFile(databaseFile)) {
      throw new StoreException(
          "there is no Tollgate store in "
              + dataDir.toAbsolutePath().normalize()
              + " (no "
              + SqliteStores.DATABASE_FILE_NAME
              + "); check --data-dir, or create the operator token with a running server");
    }
    try (TokenStore store = Stores.open(new StoreLocation.SqliteDirectory(dataDir))) {
      TokenService service =
          new TokenService(
              store, new Sha512TokenHasher(), new SecureRandomSecretGenerator(), clock);
      return store.tokens().findByName(TokenName.OPERATOR).isPresent()
          ? service.regenerateOperatorTokenOutOfBand(Actor.OFFLINE_RECOVERY)
          : service.createOperatorToken(Actor.OFFLINE_RECOVERY);
    }
  }

  @Override
  public void backup(Path dataDir, Path output, boolean replace) {
    SqliteStores.backup(dataDir, output, replace);
  }

  @Override
  public int verifyBackup(Path backup) {
    return SqliteStores.verifyBackup(backup);
  }

  @Override
  public void restore(Path backup, Path dataDir) {
    SqliteStores.restore(backup, dataDir);
  }

  @Override
  public CopySummary copyStore(StoreEndpoint from, StoreEndpoint to) {
    StoreCopyReport report = Stores.copy(location(from), location(to));
    return new CopySummary(
        report.tokens(), report.importedHashes(), report.auditEntries(), report.recoveryCode());
  }

  private static StoreLocation location(StoreEndpoint endpoint) {
    if (endpoint instanceof StoreUrl url) {
      return new StoreLocation.PostgresUrl(url.url());
    }
    return new StoreLocation.SqliteDirectory(((StoreEndpoint.DataDirectory) endpoint).dir());
  }
}
