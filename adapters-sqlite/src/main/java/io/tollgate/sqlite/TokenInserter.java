package io.tollgate.sqlite;

import io.tollgate.core.domain.NewToken;
import io.tollgate.core.domain.Token;
import io.tollgate.core.domain.TokenId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.Optional;

/**
 * The writer's kept statements for what every unit of work does, and for the one write on a hot
 * path (every creation over HTTP): {@code BEGIN IMMEDIATE} / {@code COMMIT} / {@code ROLLBACK}, the
 * insert of a token (read the next id, insert the row, advance the id in {@code meta}) and the
 * append to the audit log, and the read of a token by id (the acting token, which core reads again
 * in every management transaction), prepared once rather than built by Jdbi at every call. After a
 * failure the driver may have closed a statement, so the caller discards the inserter and prepares
 * a new one. Not thread-safe: used under the store's write lock only.
 */
final class TokenInserter implements AutoCloseable {

  private final Connection writer;
  private final PreparedStatement begin;
  private final PreparedStatement commit;
  private final PreparedStatement nextId;
  private final PreparedStatement insert;
  private final PreparedStatement setNextId;
  private final PreparedStatement audit;
  private final PreparedStatement advanceAuditId;
  private final PreparedStatement rememberImport;
  private final PreparedStatement findById;

  TokenInserter(Connection writer) throws SQLException {
    this.writer = writer;
    begin = writer.prepareStatement("BEGIN IMMEDIATE");
    commit = writer.prepareStatement("COMMIT");
    nextId = writer.prepareStatement("SELECT next_token_id FROM meta WHERE id = 0");
    insert =
        writer.prepareStatement(
            """
            INSERT INTO tokens (id, name, hash_algorithm, hash, created_at, created_by,
                                updated_at, updated_by, expiry, description, status, permissions)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """);
    setNextId = writer.prepareStatement("UPDATE meta SET next_token_id = ? WHERE id = 0");
    audit =
        writer.prepareStatement(
            AuditLogDao.INSERT_UNDER_NEXT_ID + "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    advanceAuditId = writer.prepareStatement(AuditLogDao.ADVANCE_ID);
    rememberImport =
        writer.prepareStatement(
            "INSERT INTO imported_tokens (hash_algorithm, hash, name, imported_at)"
                + " VALUES (?, ?, ?, ?)");
    findById = writer.prepareStatement("SELECT " + TokenDao.COLUMNS + " FROM tokens WHERE id = ?");
  }

  /** Starts the unit of work: takes the database's write lock up front. */
  void begin() throws SQLException {
    begin.executeUpdate();
  }

  /** Commits the unit of work, synced to disk. */
  void commit() throws SQLException {
    commit.executeUpdate();
  }

  /** The token stored under {@code id}, as the running transaction sees it. */
  Optional<Token> findById(long id) throws SQLException {
    findById.setLong(1, id);
    try (ResultSet rs = findById.executeQuery()) {
      return rs.next() ? Optional.of(TokenRowMapper.token(rs)) : Optional.empty();
    }
  }

  /** The id the next token takes, as {@code meta} keeps it. */
  long nextId() throws SQLException {
    return readNextId();
  }

  /**
   * Stores {@code token} under {@code id} and advances {@code meta}'s next id past it, in the
   * running transaction; with {@code imported}, its hash is added to {@code imported_tokens} too
   * (refused there if present).
   */
  Token insert(NewToken token, long id, boolean imported) throws SQLException {
    Token stored = token.withId(TokenId.of(id));
    bind(TokenColumns.of(stored));
    insert.executeUpdate();
    setNextId.setLong(1, id + 1);
    setNextId.executeUpdate();
    if (imported) {
      rememberImport.setString(1, token.hash().algorithm());
      rememberImport.setBytes(2, token.hash().digest());
      rememberImport.setString(3, token.name().value());
      rememberImport.setLong(4, token.createdAt().toEpochMilli());
      rememberImport.executeUpdate();
    }
    return stored;
  }

  /** Appends {@code row} to the audit log under the next audit id, in the running transaction. */
  void appendAudit(AuditRow row) throws SQLException {
    audit.setLong(1, row.at());
    audit.setString(2, row.action());
    audit.setString(3, row.actorLabel());
    if (row.actorTokenId() == null) {
      audit.setNull(4, Types.BIGINT);
    } else {
      audit.setLong(4, row.actorTokenId());
    }
    setText(5, row.tokenName());
    setText(6, row.clientAddress());
    setText(7, row.method());
    setText(8, row.path());
    setText(9, row.requestId());
    setText(10, row.credentialFp());
    audit.setLong(11, row.count());
    audit.executeUpdate();
    advanceAuditId.executeUpdate();
  }

  private void setText(int index, String value) throws SQLException {
    if (value == null) {
      audit.setNull(index, Types.VARCHAR);
    } else {
      audit.setString(index, value);
    }
  }

  private long readNextId() throws SQLException {
    try (ResultSet rs = nextId.executeQuery()) {
      if (!rs.next()) {
        throw new SQLException("the meta row is missing");
      }
      return rs.getLong(1);
    }
  }

  private void bind(TokenColumns row) throws SQLException {
    insert.setLong(1, row.id());
    insert.setString(2, row.name());
    insert.setString(3, row.hashAlgorithm());
    insert.setBytes(4, row.hash());
    insert.setLong(5, row.createdAt());
    setNullableLong(6, row.createdBy());
    setNullableLong(7, row.updatedAt());
    setNullableLong(8, row.updatedBy());
    setNullableLong(9, row.expiry());
    if (row.description() == null) {
      insert.setNull(10, Types.VARCHAR);
    } else {
      insert.setString(10, row.description());
    }
    insert.setString(11, row.status());
    insert.setString(12, row.permissions());
  }

  private void setNullableLong(int index, Long value) throws SQLException {
    if (value == null) {
      insert.setNull(index, Types.BIGINT);
    } else {
      insert.setLong(index, value);
    }
  }

  /** Undoes the unit of work; a failure to roll back is attached to {@code failure}. */
  void rollBack(Throwable failure) {
    try (Statement statement = writer.createStatement()) {
      statement.execute("ROLLBACK");
    } catch (SQLException e) {
      // "no transaction is active" when SQLite already rolled back on its own (e.g. SQLITE_FULL)
      failure.addSuppressed(e);
    }
  }

  @Override
  public void close() throws SQLException {
    for (PreparedStatement statement :
        new PreparedStatement[] {
          begin, commit, nextId, insert, setNextId, audit, advanceAuditId, rememberImport, findById
        }) {
      statement.close();
    }
  }
}
