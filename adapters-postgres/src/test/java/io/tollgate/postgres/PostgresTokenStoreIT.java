package io.tollgate.postgres;

import io.tollgate.core.port.out.TokenStore;
import io.tollgate.core.port.out.TokenStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The PostgreSQL store keeps the unit of work: a change and its audit line commit together or not
 * at all.
 */
class PostgresTokenStoreIT extends TokenStoreContract {

  private static TestDatabase database;

  @BeforeAll
  static void createDatabase() {
    database = TestPostgres.freshDatabase();
  }

  @AfterAll
  static void dropDatabase() {
    database.close();
  }

  @Override
  protected TokenStore newStore() {
    database.reset();
    return PostgresStores.open(database.url());
  }

  /** A trigger that raises on every insert into the audit log, as a broken table would. */
  @Override
  protected void breakAuditLog(TokenStore store) {
    database.execute(
        """
        CREATE FUNCTION refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'audit log is broken'; END $$;
        CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_log
          FOR EACH ROW EXECUTE FUNCTION refuse_audit();
        """);
  }
}
