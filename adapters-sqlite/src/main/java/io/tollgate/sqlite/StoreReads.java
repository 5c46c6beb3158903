package io.tollgate.sqlite;

import io.tollgate.core.domain.Token;
import io.tollgate.core.domain.TokenHash;
import io.tollgate.core.domain.TokenId;
import io.tollgate.core.domain.TokenName;
import io.tollgate.core.port.out.CommittedTokenView;
import io.tollgate.core.port.out.RecoveryCodeRepository;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * The committed state of a {@link SqliteTokenStore}, read on the reader connections (never blocked
 * by the writer). A write through it is a unit of work of its own, without an audit line.
 */
final class StoreReads extends CommittedTokenView implements RecoveryCodeRepository {

  private static final String BY_NAME =
      "SELECT " + TokenDao.COLUMNS + " FROM tokens WHERE name = ?";

  private final SqliteTokenStore store;

  /**
   * The tokens read and checked while opening, when no migration ran since: handed to the first
   * {@link #findAll()} (the index load at start-up), so a large store is scanned once; any write
   * before it drops them.
   */
  private final AtomicReference<List<Token>> readAtOpen = new AtomicReference<>();

  StoreReads(SqliteTokenStore store) {
    super(store);
    this.store = store;
  }

  void keepReadAtOpen(List<Token> tokens) {
    readAtOpen.set(tokens);
  }

  void dropReadAtOpen() {
    readAtOpen.set(null);
  }

  @Override
  public boolean wasImported(TokenHash hash) {
    return store.read(
        "cannot read the imported tokens",
        tokens ->
            tokens
                    .getHandle()
                    .createQuery(
                        "SELECT count(*) FROM imported_tokens WHERE hash_algorithm = ? AND hash = ?")
                    .bind(0, hash.algorithm())
                    .bind(1, hash.digest())
                    .mapTo(Integer.class)
                    .one()
                > 0);
  }

  /**
   * In plain JDBC, as {@link #findAll}: this is the health check's read, and so a server's first
   * {@code /health} does not wait for Jdbi's first statement (see {@link OpeningReads}).
   */
  @Override
  public Optional<Token> findByName(TokenName name) {
    return store.readPlain(
        "cannot read token " + name,
        connection -> {
          try (PreparedStatement statement = connection.prepareStatement(BY_NAME)) {
            statement.setString(1, name.value());
            try (ResultSet rs = statement.executeQuery()) {
              return rs.next() ? Optional.of(TokenRowMapper.token(rs)) : Optional.empty();
            }
          }
        });
  }

  @Override
  public Optional<Token> findById(TokenId id) {
    return store.read("cannot read token " + id, tokens -> tokens.findById(id.value()));
  }

  @Override
  public Optional<Token> findByHash(TokenHash hash) {
    return store.read(
        "cannot look up a token by hash",
        tokens -> tokens.findByHash(hash.algorithm(), hash.digest()));
  }

  /** Through {@link TokenScan}: a million rows at start-up, so not through Jdbi's mapping. */
  @Override
  public List<Token> findAll() {
    List<Token> atOpen = readAtOpen.getAndSet(null);
    if (atOpen != null) {
      store.ensureOpen();
      return atOpen;
    }
    return store.readPlain("cannot list tokens", TokenScan::findAll);
  }

  @Override
  public UUID clusterId() {
    return store.clusterId();
  }

  @Override
  public Optional<String> currentHash() {
    return store.read(
        "cannot read the recovery code",
        tokens -> tokens.getHandle().attach(RecoveryCodeDao.class).currentHash());
  }

  @Override
  public void replace(String encodedHash, Instant issuedAt) {
    write(
        tx -> {
          tx.replace(encodedHash, issuedAt);
          return null;
        });
  }

  @Override
  public boolean consume(String encodedHash) {
    return write(tx -> tx.consume(encodedHash));
  }

  private <T> T write(Function<SqliteTransaction, T> write) {
    return store.inTransaction(tx -> write.apply((SqliteTransaction) tx));
  }
}
