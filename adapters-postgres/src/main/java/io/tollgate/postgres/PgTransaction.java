package io.tollgate.postgres;

import io.tollgate.core.domain.AuditEntry;
import io.tollgate.core.domain.NewToken;
import io.tollgate.core.domain.Token;
import io.tollgate.core.domain.TokenId;
import io.tollgate.core.port.out.InsertThenRead;
import io.tollgate.core.port.out.RecoveryCodeRepository;
import io.tollgate.core.port.out.StoreTransaction;
import io.tollgate.core.port.out.TokenRepository;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;

/**
 * One unit of work on a {@link PostgresStore}: a READ COMMITTED transaction on one pooled
 * connection.
 *
 * <p>The first write of any kind but an audit line takes the store's write lock, the {@code meta}
 * row {@code FOR UPDATE}, and holds it to the end: writers on every node run one after the other.
 * That is what makes the change log safe to follow by sequence number: a change-log row is numbered
 * under the lock, so numbers are handed out in commit order and a node that has seen number {@code
 * n} has seen every change before it. It also makes id allocation plain (the next id is drawn under
 * the lock from a sequence, and the counter written back before commit) and rules out deadlocks
 * between writers (one lock, taken first). Tollgate's writes are few and small; reads never take
 * the lock.
 *
 * <p>Audit lines wait for {@link #finish()}, which writes the id counter, the audit lines, one
 * change-log row per changed token and one {@code pg_notify('tollgate_changes', <last seq>)}, and
 * commits, all in one round trip.
 */
final class PgTransaction implements StoreTransaction {

  static final String CHANNEL = "tollgate_changes";

  private final Handle handle;
  private final PostgresUrl url;
  private final UUID clusterId;
  private final TokenRepository tokens;
  private final RecoveryCodeRepository recoveryCodes;
  private final Set<Long> changedTokens = new LinkedHashSet<>();
  private final List<AuditEntry> audits = new ArrayList<>();
  private final Thread owner = Thread.currentThread();
  private boolean locked;
  private long nextTokenId;
  private long refusedDraw = -1;
  private long[] loggedChanges;
  private boolean nextTokenIdChanged;
  private boolean open = true;

  PgTransaction(Handle handle, PostgresUrl url, UUID clusterId) {
    this.handle = handle;
    this.url = url;
    this.clusterId = clusterId;
    this.tokens = new TransactionTokens(this);
    this.recoveryCodes = new TransactionRecoveryCodes(this);
  }

  @Override
  public TokenRepository tokens() {
    return tokens;
  }

  @Override
  public RecoveryCodeRepository recoveryCodes() {
    return recoveryCodes;
  }

  /** Keeps {@code entry} for {@link #finish()}, which writes it with the change it records. */
  @Override
  public void audit(AuditEntry entry) {
    handle();
    audits.add(entry);
  }

  /** Takes the write lock now ({@link #lockForWrite}): later statements see what committed. */
  @Override
  public void lockForChange() {
    run(
        "cannot start a change",
        () -> {
          lockForWrite();
          return null;
        });
  }

  UUID clusterId() {
    return clusterId;
  }

  /** The handle, checked to be used inside its call and on its thread. */
  Handle handle() {
    if (!open) {
      throw new IllegalStateException(
          "a store transaction was used after its inTransaction call returned");
    }
    if (Thread.currentThread() != owner) {
      throw new IllegalStateException(
          "a store transaction was used on another thread than the one running it");
    }
    return handle;
  }

  /** Runs one statement group of this transaction, translating database failures. */
  <T> T run(String action, Supplier<T> statements) {
    handle();
    try {
      return statements.get();
    } catch (RuntimeException e) {
      throw PgErrors.translate(e, url, action);
    }
  }

  /**
   * Raises the last use of each token given, under the write lock (writers never wait on each
   * other's rows); no change-log row, no notification: it is no change to a token.
   */
  void recordLastUse(Map<TokenId, Instant> lastUse) {
    run(
        "cannot record when tokens were last used",
        () -> {
          lockForWrite();
          TokenSql.recordLastUse(handle(), lastUse);
          return null;
        });
  }

  /** Takes the store's write lock, once per transaction; returns nothing new after the first. */
  void lockForWrite() {
    if (locked) {
      return;
    }
    nextTokenId =
        handle()
            .createQuery("SELECT next_token_id FROM meta WHERE id = 0 FOR UPDATE")
            .mapTo(Long.class)
            .findOne()
            .orElseThrow(() -> new IllegalStateException("the meta row is missing"));
    locked = true;
  }

  /**
   * A new id for the token about to be inserted, under the write lock: drawn from the {@code
   * token_ids} sequence, which a rollback does not turn back, so an id handed out once is never
   * handed out again; never below the counter (which an import of a copy may have moved).
   */
  long nextTokenId() {
    long drawn;
    if (locked) {
      drawn = handle().createQuery("SELECT nextval('token_ids')").mapTo(Long.class).one();
    } else {
      // The lock and the draw in one round trip (the first write of most transactions is an
      // insert). The locking part is materialized, so that the id is drawn once the lock is held:
      // drawn beside the lock, it would be drawn again whenever the wait for the lock ended on a
      // newer row, and ids would have gaps.
      long[] lockedAndDrawn =
          handle()
              .createQuery(
                  "WITH locked AS MATERIALIZED"
                      + " (SELECT next_token_id FROM meta WHERE id = 0 FOR UPDATE)"
                      + " SELECT next_token_id, nextval('token_ids') FROM locked")
              .map((rs, ctx) -> new long[] {rs.getLong(1), rs.getLong(2)})
              .findOne()
              .orElseThrow(() -> new IllegalStateException("the meta row is missing"));
      nextTokenId = lockedAndDrawn[0];
      locked = true;
      drawn = lockedAndDrawn[1];
    }
    if (drawn < nextTokenId) {
      drawn = nextTokenId;
      setSequence(drawn, true);
    }
    return drawn;
  }

  /**
   * Stores {@code token} under a new id in one statement: the write lock, the id drawn under it and
   * the insert ({@link TokenSql#LOCK_DRAW_INSERT}).
   *
   * @return the stored token, or empty when a unique constraint refused the row (see {@link
   *     #handBackRefusedId()})
   */
  Optional<Token> insertUnderNewId(NewToken token) {
    return lockDrawInsert(token, null).stored();
  }

  /**
   * As {@link #insertUnderNewId}, then reads the token {@code id} in a second statement sent with
   * the first: one round trip. The read starts once the insert holds the write lock, so it sees
   * every change committed before the lock was had (each statement of a READ COMMITTED transaction
   * sees what committed before it began).
   */
  InsertThenRead insertUnderNewIdThenRead(NewToken token, TokenId id) {
    return lockDrawInsert(token, id);
  }

  /** {@link TokenSql#LOCK_DRAW_INSERT}, followed by the read of {@code readId} unless null. */
  private InsertThenRead lockDrawInsert(NewToken token, TokenId readId) {
    Connection connection = handle().getConnection();
    String sql =
        readId == null
            ? TokenSql.LOCK_DRAW_INSERT
            : TokenSql.LOCK_DRAW_INSERT + "; " + TokenSql.SELECT_BY_ID;
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      int next = TokenSql.setAfterId(statement, token.withId(TokenId.of(0)), 1);
      if (readId != null) {
        statement.setLong(next, readId.value());
      }
      statement.execute();
      long[] result;
      try (ResultSet inserted = statement.getResultSet()) {
        if (!inserted.next()) {
          throw new IllegalStateException("the meta row is missing");
        }
        result = insertResult(inserted);
      }
      Optional<Token> read = Optional.empty();
      if (readId != null) {
        if (!statement.getMoreResults()) {
          throw new IllegalStateException("the read sent with the insert returned no rows");
        }
        try (ResultSet row = statement.getResultSet()) {
          read = row.next() ? Optional.of(TokenSql.map(row)) : Optional.empty();
        }
      }
      return new InsertThenRead(inserted(token, result), read);
    } catch (SQLException e) {
      throw new SqlFailure(e);
    }
  }

  /** The counter, the drawn value, the id, whether the row was inserted (1) or refused (0). */
  private static long[] insertResult(ResultSet rs) throws SQLException {
    return new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getBoolean(4) ? 1 : 0};
  }

  /** The token stored under the id in {@code result}, or empty when a constraint refused it. */
  private Optional<Token> inserted(NewToken token, long[] result) {
    long drawn = result[1];
    long id = result[2];
    nextTokenId = Math.max(nextTokenId, result[0]);
    locked = true;
    if (result[3] == 0) {
      refusedDraw = id == drawn ? drawn : -1;
      return Optional.empty();
    }
    if (drawn < id) {
      setSequence(id, true); // the sequence was behind the counter (an imported copy moved it)
    }
    usedTokenId(id);
    changed(TokenId.of(id));
    return Optional.of(token.withId(TokenId.of(id)));
  }

  /**
   * Returns the id drawn for the row just refused to the sequence, so that the next insert gets it:
   * for a refusal by name or hash, which leaves no trace then. This transaction holds the lock, so
   * no one has drawn since. Not for a refusal by id (a counter changed by hand), which drawing on
   * gets past.
   */
  void handBackRefusedId() {
    if (refusedDraw >= 0) {
      setSequence(refusedDraw, false);
      refusedDraw = -1;
    }
  }

  private void setSequence(long value, boolean called) {
    handle()
        .createQuery("SELECT setval('token_ids', ?, ?)")
        .bind(0, value)
        .bind(1, called)
        .mapTo(Long.class)
        .one();
  }

  /** Records that {@code id} was used, so the counter moves past it at commit. */
  void usedTokenId(long id) {
    nextTokenId = Math.max(nextTokenId, id + 1);
    nextTokenIdChanged = true;
  }

  /** Records that the token {@code id} changed, for the change log. */
  void changed(TokenId id) {
    changedTokens.add(id.value());
  }

  /**
   * Writes the counter, the audit lines, the change log and the notification, and commits, in one
   * round trip; the last step of a transaction that changed something. A transaction that changed
   * nothing is left to the caller's commit.
   */
  void finish() {
    handle();
    if (!changedTokens.isEmpty() || !audits.isEmpty() || nextTokenIdChanged) {
      try {
        appendChangesAndCommit();
      } catch (SqlFailure e) {
        String state = String.valueOf(((SQLException) e.getCause()).getSQLState());
        throw PgErrors.translate(
            e,
            url,
            state.startsWith("08") || state.startsWith("57P")
                ? "cannot commit (if the connection was lost, the change may or may not be stored)"
                : audits.isEmpty() ? "cannot record the change" : "cannot write the audit log");
      }
    }
    open = false;
  }

  /**
   * The first and last change-log numbers this transaction wrote, once {@link #finish()} committed
   * it; null when it wrote none.
   */
  long[] loggedChanges() {
    return loggedChanges;
  }

  /** Ends this transaction's use; any later call through it fails. */
  void close() {
    open = false;
  }

  /** {@link FinishSql#appendAndCommit}, on this transaction's connection. */
  private void appendChangesAndCommit() {
    try {
      loggedChanges =
          FinishSql.appendAndCommit(
              handle.getConnection(), nextTokenId, nextTokenIdChanged, audits, changedTokens);
    } catch (SQLException e) {
      throw new SqlFailure(e);
    }
  }

  /** The recovery code as this transaction sees and changes it. */
  private static final class TransactionRecoveryCodes implements RecoveryCodeRepository {

    private final PgTransaction tx;

    TransactionRecoveryCodes(PgTransaction tx) {
      this.tx = tx;
    }

    @Override
    public Optional<String> currentHash() {
      return tx.run(
          "cannot read the recovery code", () -> RecoveryCodeSql.currentHash(tx.handle()));
    }

    @Override
    public void replace(String encodedHash, Instant issuedAt) {
      tx.run(
          "cannot store the recovery code",
          () -> {
            tx.lockForWrite();
            RecoveryCodeSql.replace(tx.handle(), encodedHash, issuedAt);
            return null;
          });
    }

    @Override
    public boolean consume(String encodedHash) {
      return tx.run(
          "cannot spend the recovery code",
          () -> {
            tx.lockForWrite();
            return RecoveryCodeSql.deleteIfCurrent(tx.handle(), encodedHash);
          });
    }
  }
}
