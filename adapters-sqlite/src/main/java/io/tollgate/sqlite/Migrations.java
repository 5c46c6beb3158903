package io.tollgate.sqlite;

import io.tollgate.core.domain.StoreException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The schema's history, newest last. The database records the version it is at in {@code PRAGMA
 * user_version} (0 for a new file); each missing step runs in its own transaction together with the
 * version bump, so a crash leaves the database at one version or the next, never in between.
 * Released steps are never edited: a change is a new step.
 */
final class Migrations {

  /** The version that adds {@code tokens.last_used_at}. */
  static final int LAST_USE_VERSION = 6;

  /**
   * The version from which {@code audit_log} is ordered by {@code (at, id)} and {@code meta} holds
   * the next audit id.
   */
  static final int AUDIT_BY_TIME_VERSION = 7;

  static final List<Migration> ALL =
      List.of(
          new Migration(
              1,
              "tokens and meta",
              handle -> {
                handle
                    .createScript(
                        """
                        CREATE TABLE meta (
                          id            INTEGER PRIMARY KEY CHECK (id = 0),
                          next_token_id INTEGER NOT NULL CHECK (next_token_id >= 0),
                          cluster_uuid  TEXT    NOT NULL
                        ) STRICT;

                        CREATE TABLE tokens (
                          id             INTEGER PRIMARY KEY CHECK (id >= 0),
                          name           TEXT    NOT NULL UNIQUE,
                          hash_algorithm TEXT    NOT NULL,
                          hash           BLOB    NOT NULL UNIQUE,
                          created_at     INTEGER NOT NULL,
                          created_by     INTEGER,
                          updated_at     INTEGER,
                          updated_by     INTEGER,
                          expiry         INTEGER,
                          description    TEXT,
                          status         TEXT    NOT NULL CHECK (status IN ('active', 'inactive')),
                          permissions    TEXT    NOT NULL
                        ) STRICT;
                        """)
                    .execute();
                handle.execute(
                    "INSERT INTO meta (id, next_token_id, cluster_uuid) VALUES (0, 0, ?)",
                    UUID.randomUUID().toString());
              }),
          Migration.script(
              2,
              "audit log",
              """
              CREATE TABLE audit_log (
                id             INTEGER PRIMARY KEY AUTOINCREMENT,
                at             INTEGER NOT NULL,
                action         TEXT    NOT NULL,
                actor_label    TEXT    NOT NULL,
                actor_token_id INTEGER,
                token_name     TEXT
              ) STRICT;

              CREATE INDEX audit_log_at ON audit_log (at);
              """),
          Migration.script(
              3,
              "recovery code",
              """
              CREATE TABLE recovery_code (
                id        INTEGER PRIMARY KEY CHECK (id = 0),
                hash      TEXT    NOT NULL,
                issued_at INTEGER NOT NULL
              ) STRICT;
              """),
          Migration.script(
              4,
              "imported tokens",
              // What token files brought in, kept after the token is deleted, so a deleted
              // imported token is not imported again at the next start. Seeded from the tokens
              // still present that the audit log records as imported (same name, same instant).
              """
              CREATE TABLE imported_tokens (
                hash_algorithm TEXT    NOT NULL CHECK (hash_algorithm = 'sha512'),
                hash           BLOB    NOT NULL PRIMARY KEY CHECK (length(hash) = 64),
                name           TEXT    NOT NULL,
                imported_at    INTEGER NOT NULL
              ) STRICT;

              INSERT INTO imported_tokens (hash_algorithm, hash, name, imported_at)
              SELECT t.hash_algorithm, t.hash, t.name, t.created_at
                FROM tokens t
               WHERE t.created_by IS NULL
                 AND t.hash_algorithm = 'sha512'
                 AND length(t.hash) = 64
                 AND EXISTS (SELECT 1 FROM audit_log a
                              WHERE a.action = 'imported'
                                AND a.token_name = t.name
                                AND a.at = t.created_at);
              """),
          new Migration(
              5,
              "audit trail",
              // SPEC section 10: the request of each entry, refused requests (credential
              // fingerprint, coalesced count), the actions renamed, an index for reading by
              // action, and the store's random fingerprint key (32 bytes from SecureRandom)
              handle -> {
                handle
                    .createScript(
                        """
                        ALTER TABLE audit_log ADD COLUMN client_address TEXT;
                        ALTER TABLE audit_log ADD COLUMN method TEXT;
                        ALTER TABLE audit_log ADD COLUMN path TEXT;
                        ALTER TABLE audit_log ADD COLUMN request_id TEXT;
                        ALTER TABLE audit_log ADD COLUMN credential_fp TEXT;
                        ALTER TABLE audit_log
                          ADD COLUMN count INTEGER NOT NULL DEFAULT 1 CHECK (count >= 1);

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

                        ALTER TABLE meta ADD COLUMN audit_key BLOB
                          CHECK (audit_key IS NULL OR length(audit_key) = 32);
                        """)
                    .execute();
                byte[] key = new byte[32];
                new SecureRandom().nextBytes(key);
                handle.execute("UPDATE meta SET audit_key = ? WHERE id = 0", (Object) key);
                Arrays.fill(key, (byte) 0);
              }),
          Migration.script(
              LAST_USE_VERSION,
              "last use",
              // SPEC section 10: when each token last authenticated, epoch milliseconds, written
              // in batches; null for never
              """
              ALTER TABLE tokens ADD COLUMN last_used_at INTEGER;
              """),
          new Migration(
              AUDIT_BY_TIME_VERSION, "audit log kept in time order", Migrations::auditByTime));

  static final int LATEST = ALL.get(ALL.size() - 1).version();

  /**
   * Version 7. Every audited change (each creation among them) wrote four pages of the audit log in
   * its transaction: the row, the index on at, the one on (action, at), and sqlite_sequence for
   * AUTOINCREMENT. Now the table itself is the b-tree on (at, id) and meta keeps the next id, a
   * page each creation writes anyway: two pages. Ids go on above the highest ever handed out:
   * SQLite's AUTOINCREMENT mark when it is a whole number (anything else in that table of SQLite's
   * is not trusted), else the highest id left.
   */
  private static void auditByTime(Handle handle) {
    handle
        .createScript(
            """
            CREATE TABLE audit_log_by_time (
              at             INTEGER NOT NULL,
              id             INTEGER NOT NULL CHECK (id >= 1),
              action         TEXT    NOT NULL,
              actor_label    TEXT    NOT NULL,
              actor_token_id INTEGER,
              token_name     TEXT,
              client_address TEXT,
              method         TEXT,
              path           TEXT,
              request_id     TEXT,
              credential_fp  TEXT,
              count          INTEGER NOT NULL DEFAULT 1 CHECK (count >= 1),
              PRIMARY KEY (at, id)
            ) STRICT, WITHOUT ROWID;

            INSERT INTO audit_log_by_time (at, id, action, actor_label, actor_token_id,
                                           token_name, client_address, method, path,
                                           request_id, credential_fp, count)
            SELECT at, id, action, actor_label, actor_token_id, token_name, client_address,
                   method, path, request_id, credential_fp, count
              FROM audit_log;

            ALTER TABLE meta ADD COLUMN next_audit_id INTEGER NOT NULL DEFAULT 1
              CHECK (next_audit_id >= 1);
            """)
        .execute();
    long highest =
        handle
            .createQuery(
                """
                SELECT max(ifnull((SELECT max(id) FROM audit_log), 0),
                           ifnull((SELECT seq FROM sqlite_sequence
                                    WHERE name = 'audit_log' AND typeof(seq) = 'integer'), 0))
                """)
            .mapTo(Long.class)
            .one();
    if (highest == Long.MAX_VALUE) {
      throw new StoreException(
          "the audit log's ids are used up (the highest handed out is "
              + highest
              + "); the store was left at schema version "
              + (AUDIT_BY_TIME_VERSION - 1));
    }
    handle.execute("UPDATE meta SET next_audit_id = ? WHERE id = 0", Math.max(highest, 0) + 1);
    handle
        .createScript(
            """
            DROP TABLE audit_log;
            ALTER TABLE audit_log_by_time RENAME TO audit_log;
            CREATE INDEX audit_log_action_at ON audit_log (action, at);
            """)
        .execute();
  }

  private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

  private Migrations() {}

  static int userVersion(Handle handle) {
    return OpeningReads.userVersion(handle.getConnection());
  }

  /**
   * Refuses a database written by a newer Tollgate. Reads only: call it before anything that could
   * change the file.
   */
  static void requireKnownVersion(Handle handle, Path databaseFile) {
    int version = userVersion(handle);
    if (version > LATEST) {
      throw new StoreException(
          "the database "
              + databaseFile
              + " has schema version "
              + version
              + ", newer than the "
              + LATEST
              + " this Tollgate understands; it was left unchanged. Use the Tollgate version that"
              + " wrote it, or a newer one");
    }
  }

  /** Brings the database to {@link #LATEST}. */
  static void migrate(Handle handle, Path databaseFile) {
    migrate(handle, databaseFile, LATEST);
  }

  /** Brings the database to {@code target}; tests use it to build databases at older versions. */
  static void migrate(Handle handle, Path databaseFile, int target) {
    migrate(handle, databaseFile, target, ALL);
  }

  static void migrate(Handle handle, Path databaseFile, int target, List<Migration> migrations) {
    int from = userVersion(handle);
    for (Migration migration : migrations) {
      if (migration.version() <= from || migration.version() > target) {
        continue;
      }
      handle.useTransaction(
          tx -> {
            // Re-read inside the write lock: nobody else may have moved on meanwhile.
            if (userVersion(tx) >= migration.version()) {
              return;
            }
            migration.step().accept(tx);
            tx.execute("PRAGMA user_version = " + migration.version());
          });
      LOG.info(
          "Migrated {} to schema version {} ({})",
          databaseFile,
          migration.version(),
          migration.summary());
    }
  }
}
