package io.tollgate.postgres;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL schema's history, newest last, in the same scheme as the SQLite store: numbered
 * steps in code and the version reached in one row ({@code schema_version}; no row or no table is
 * version 0). Each missing step runs in its own transaction together with the version bump, so a
 * failure leaves the database at one version or the next. Every such transaction first takes a
 * transaction-scoped advisory lock, so nodes starting together migrate once, one after the other,
 * each re-reading the version under the lock. Released steps are never edited: a change is a new
 * step.
 */
final class Migrations {

  /** One step: {@code step} brings the schema from {@code version - 1} to {@code version}. */
  record Migration(int version, String summary, Consumer<Handle> step) {}

  /** The advisory lock all Tollgate migrations of one database take (an arbitrary constant). */
  static final long LOCK_KEY = 0x546f6c6c67617465L; // "Tollgate"

  /** The length of the audit's fingerprint key, kept in {@code meta.audit_key}. */
  static final int AUDIT_KEY_BYTES = 32;

  static final List<Migration> ALL =
      List.of(
          new Migration(
              1,
              "tokens, imported tokens, recovery code, audit log, meta and change log",
              handle -> {
                handle
                    .createScript(
                        """
                        CREATE TABLE meta (
                          id            integer PRIMARY KEY CHECK (id = 0),
                          next_token_id bigint  NOT NULL CHECK (next_token_id >= 0),
                          cluster_uuid  uuid    NOT NULL
                        );

                        CREATE TABLE tokens (
                          id             bigint PRIMARY KEY CHECK (id >= 0),
                          name           text   NOT NULL,
                          hash_algorithm text   NOT NULL CHECK (hash_algorithm = 'sha512'),
                          hash           bytea  NOT NULL CHECK (length(hash) = 64),
                          created_at     bigint NOT NULL,
                          created_by     bigint,
                          updated_at     bigint,
                          updated_by     bigint,
                          expiry         bigint,
                          description    text,
                          status         text   NOT NULL CHECK (status IN ('active', 'inactive')),
                          permissions    text   NOT NULL,
                          CONSTRAINT tokens_name_key UNIQUE (name),
                          CONSTRAINT tokens_hash_key UNIQUE (hash)
                        );

                        CREATE TABLE imported_tokens (
                          hash_algorithm text   NOT NULL CHECK (hash_algorithm = 'sha512'),
                          hash           bytea  PRIMARY KEY CHECK (length(hash) = 64),
                          name           text   NOT NULL,
                          imported_at    bigint NOT NULL
                        );

                        CREATE TABLE recovery_code (
                          id        integer PRIMARY KEY CHECK (id = 0),
                          hash      text    NOT NULL CHECK (length(hash) > 0),
                          issued_at bigint  NOT NULL
                        );

                        CREATE TABLE audit_log (
                          id             bigserial PRIMARY KEY,
                          at             bigint    NOT NULL,
                          action         text      NOT NULL,
                          actor_label    text      NOT NULL,
                          actor_token_id bigint,
                          token_name     text
                        );

                        CREATE INDEX audit_log_at ON audit_log (at);

                        CREATE TABLE change_log (
                          seq      bigserial   PRIMARY KEY,
                          token_id bigint      NOT NULL,
                          at       timestamptz NOT NULL DEFAULT now()
                        );
                        """)
                    .execute();
                handle.execute(
                    "INSERT INTO meta (id, next_token_id, cluster_uuid) VALUES (0, 0, ?)",
                    UUID.randomUUID());
              }),
          new Migration(
              2,
              "token ids from a sequence: an id handed out in a rolled-back transaction is never"
                  + " handed out again",
              handle ->
                  handle
                      .createScript(
                          """
                          CREATE SEQUENCE token_ids MINVALUE 0 START WITH 0;
                          SELECT setval('token_ids', next_token_id, false) FROM meta WHERE id = 0;
                          """)
                      .execute()),
          new Migration(
              3,
              "audit trail",
              // SPEC section 10, as the SQLite store's version 5: the request of each entry,
              // refused requests (credential fingerprint, coalesced count), the actions renamed,
              // an index for reading by action, and the store's random fingerprint key (32 bytes
              // from SecureRandom, made here in Java: gen_random_bytes needs pgcrypto). The step
              // runs under the migration lock and sets the key only where none is, so nodes
              // migrating together keep the first key.
              handle -> {
                handle
                    .createScript(
                        """
                        ALTER TABLE audit_log
                          ADD COLUMN client_address text,
                          ADD COLUMN method         text,
                          ADD COLUMN path           text,
                          ADD COLUMN request_id     text,
                          ADD COLUMN credential_fp  text,
                          ADD COLUMN count          bigint NOT NULL DEFAULT 1 CHECK (count >= 1);

                        UPDATE audit_log SET action = CASE action
                            WHEN 'created' THEN 'token.created'
                            WHEN 'regenerated' THEN 'token.regenerated'
                            WHEN 'deleted' THEN 'token.deleted'
                            WHEN 'updated' THEN 'token.updated'
                            WHEN 'imported' THEN 'token.imported'
                            WHEN 'recovery code issued' THEN 'recovery_code.issued'
                            WHEN 'recovery code spent' THEN 'recovery_code.spent'
                            ELSE action END;
                        UPDATE audit_log SET actor_label = 'bootstrap'
                         WHERE actor_label = 'unauthenticated bootstrap';

                        CREATE INDEX audit_log_action_at ON audit_log (action, at);

                        ALTER TABLE meta ADD COLUMN audit_key bytea
                          CHECK (audit_key IS NULL OR length(audit_key) = 32);
                        """)
                    .execute();
                byte[] key = new byte[AUDIT_KEY_BYTES];
                new SecureRandom().nextBytes(key);
                handle.execute(
                    "UPDATE meta SET audit_key = ? WHERE id = 0 AND audit_key IS NULL",
                    (Object) key);
                Arrays.fill(key, (byte) 0);
              }),
          new Migration(
              4,
              "last use",
              // SPEC section 10, as the SQLite store's version 6: when each token last
              // authenticated, epoch milliseconds, written in batches; null for never
              handle -> handle.execute("ALTER TABLE tokens ADD COLUMN last_used_at bigint")));

  static final int LATEST = ALL.get(ALL.size() - 1).version();

  private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

  private Migrations() {}

  /** The version the database is at: 0 when Tollgate never migrated it. */
  static int version(Handle handle) {
    boolean exists =
        handle
            .createQuery("SELECT to_regclass('schema_version') IS NOT NULL")
            .mapTo(Boolean.class)
            .one();
    if (!exists) {
      return 0;
    }
    Optional<Integer> version =
        handle
            .createQuery("SELECT version FROM schema_version WHERE id = 0")
            .mapTo(Integer.class)
            .findOne();
    return version.orElse(0);
  }

  /** Brings the database to {@link #LATEST}. */
  static void migrate(Handle handle, String location) {
    migrate(handle, location, LATEST, ALL);
  }

  /**
   * Brings the database to {@code target} with {@code migrations}; tests use it to build databases
   * at older versions.
   *
   * @throws io.tollgate.core.domain.StoreException (from the caller's translation) or {@link
   *     NewerSchemaException} if the database is at a version newer than {@code migrations} know
   */
  static void migrate(Handle handle, String location, int target, List<Migration> migrations) {
    int latestKnown = migrations.get(migrations.size() - 1).version();
    handle.useTransaction(
        tx -> {
          lock(tx);
          tx.execute(
              "CREATE TABLE IF NOT EXISTS schema_version ("
                  + " id integer PRIMARY KEY CHECK (id = 0),"
                  + " version integer NOT NULL CHECK (version >= 0))");
          int version = version(tx);
          if (version > latestKnown) {
            throw new NewerSchemaException(version, latestKnown);
          }
        });
    for (Migration migration : migrations) {
      if (migration.version() > target) {
        break;
      }
      boolean ran =
          handle.inTransaction(
              tx -> {
                lock(tx);
                if (version(tx) >= migration.version()) {
                  return false;
                }
                migration.step().accept(tx);
                tx.execute(
                    "INSERT INTO schema_version (id, version) VALUES (0, ?)"
                        + " ON CONFLICT (id) DO UPDATE SET version = excluded.version",
                    migration.version());
                return true;
              });
      if (ran) {
        LOG.info(
            "Migrated the PostgreSQL store {} to schema version {} ({})",
            location,
            migration.version(),
            migration.summary());
      }
    }
  }

  /** The store's audit fingerprint key ({@code meta.audit_key}); null if it has none. */
  static byte[] auditKey(Handle handle) {
    return handle
        .createQuery("SELECT audit_key FROM meta WHERE id = 0")
        .map((rs, ctx) -> rs.getBytes(1))
        .findOne()
        .orElse(null);
  }

  private static void lock(Handle tx) {
    tx.createQuery("SELECT 1 FROM (SELECT pg_advisory_xact_lock(?)) locked")
        .bind(0, LOCK_KEY)
        .mapTo(Integer.class)
        .one();
  }

  /** The database was written by a newer Tollgate; nothing was changed. */
  static final class NewerSchemaException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NewerSchemaException(int version, int latest) {
      super(
          "schema version "
              + version
              + ", newer than the "
              + latest
              + " this Tollgate understands; it was left unchanged. Use the Tollgate version that"
              + " wrote it, or a newer one");
    }
  }
}
