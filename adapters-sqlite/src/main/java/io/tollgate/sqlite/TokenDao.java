package io.tollgate.sqlite;

import io.tollgate.core.domain.Token;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.SqlObject;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The {@code tokens} table and the id counter in {@code meta}. Rows become {@link
 * io.tollgate.core.domain.Token}s through {@link TokenRowMapper}, registered by {@link
 * Connections}.
 */
interface TokenDao extends SqlObject {

  /** The selected columns, in the order {@link TokenRowMapper} reads them. */
  String COLUMNS =
      """
      id, name, hash_algorithm, hash, created_at, created_by, updated_at, updated_by, expiry,
      description, status, permissions, last_used_at
      """;

  @SqlQuery("SELECT " + COLUMNS + " FROM tokens ORDER BY id")
  List<Token> findAll();

  @SqlQuery("SELECT " + COLUMNS + " FROM tokens WHERE name = :name")
  Optional<Token> findByName(@Bind("name") String name);

  @SqlQuery("SELECT " + COLUMNS + " FROM tokens WHERE hash = :hash AND hash_algorithm = :algorithm")
  Optional<Token> findByHash(@Bind("algorithm") String algorithm, @Bind("hash") byte[] hash);

  @SqlQuery("SELECT " + COLUMNS + " FROM tokens WHERE id = :id")
  Optional<Token> findById(@Bind("id") long id);

  @SqlQuery("SELECT next_token_id FROM meta WHERE id = 0")
  long nextTokenId();

  @SqlUpdate("UPDATE meta SET next_token_id = :next WHERE id = 0")
  int setNextTokenId(@Bind("next") long next);

  /** Inserts a row; its id must be unused. */
  default void insert(TokenColumns row) {
    insert(
        row.id(),
        row.name(),
        row.hashAlgorithm(),
        row.hash(),
        row.createdAt(),
        row.createdBy(),
        row.updatedAt(),
        row.updatedBy(),
        row.expiry(),
        row.description(),
        row.status(),
        row.permissions(),
        row.lastUsedAt());
  }

  // Bound one by one: Jdbi's @BindMethods sees only public types, and TokenColumns is not one.
  @SqlUpdate(
      """
      INSERT INTO tokens (id, name, hash_algorithm, hash, created_at, created_by, updated_at,
                          updated_by, expiry, description, status, permissions, last_used_at)
      VALUES (:id, :name, :hashAlgorithm, :hash, :createdAt, :createdBy, :updatedAt,
              :updatedBy, :expiry, :description, :status, :permissions, :lastUsedAt)
      """)
  void insert(
      @Bind("id") long id,
      @Bind("name") String name,
      @Bind("hashAlgorithm") String hashAlgorithm,
      @Bind("hash") byte[] hash,
      @Bind("createdAt") long createdAt,
      @Bind("createdBy") Long createdBy,
      @Bind("updatedAt") Long updatedAt,
      @Bind("updatedBy") Long updatedBy,
      @Bind("expiry") Long expiry,
      @Bind("description") String description,
      @Bind("status") String status,
      @Bind("permissions") String permissions,
      @Bind("lastUsedAt") Long lastUsedAt);

  @SqlUpdate(
      """
      UPDATE tokens
         SET hash_algorithm = :algorithm, hash = :hash, updated_at = :updatedAt,
             updated_by = :updatedBy
       WHERE id = :id AND hash_algorithm = :expectedAlgorithm AND hash = :expectedHash
      """)
  int replaceHash(
      @Bind("id") long id,
      @Bind("expectedAlgorithm") String expectedAlgorithm,
      @Bind("expectedHash") byte[] expectedHash,
      @Bind("algorithm") String algorithm,
      @Bind("hash") byte[] hash,
      @Bind("updatedAt") long updatedAt,
      @Bind("updatedBy") Long updatedBy);

  @SqlUpdate(
      """
      UPDATE tokens
         SET description = :description, status = :status, updated_at = :updatedAt,
             updated_by = :updatedBy
       WHERE name = :name
      """)
  int updateDetails(
      @Bind("name") String name,
      @Bind("description") String description,
      @Bind("status") String status,
      @Bind("updatedAt") long updatedAt,
      @Bind("updatedBy") Long updatedBy);

  /**
   * Raises a token's last use to {@code at}, never lowers it; a token that no longer exists is
   * skipped. Run as a batch in one transaction.
   */
  @SqlBatch(
      transactional = false,
      value =
          """
      UPDATE tokens SET last_used_at = :at
       WHERE id = :id AND (last_used_at IS NULL OR last_used_at < :at)
      """)
  void recordLastUse(@Bind("id") List<Long> ids, @Bind("at") List<Long> at);

  @SqlUpdate("DELETE FROM tokens WHERE id = :id")
  int deleteById(@Bind("id") long id);
}
