package io.tollgate.sqlite;

import java.sql.SQLException;

/** A driver failure of a plain JDBC call, carried to {@link SqliteErrors#translate}. */
final class StoreSqlFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  StoreSqlFailure(SQLException cause) {
    super(cause);
  }
}
